import { api, explain } from '../api.js';
import { h, mount, notice, time } from '../dom.js';

const CHARTS = [
  {
    id: 'detections',
    title: 'Detections per minute',
    series: [['detections', 'new combinations', '#2563eb']],
  },
  { id: 'diagnostics', title: 'Diagnostics per minute', series: [['diagnostics', 'reports', '#7c3aed']] },
  {
    id: 'configurations',
    title: 'Configurations per minute',
    series: [
      ['configApplied', 'applied', '#16a34a'],
      ['configFailed', 'failed', '#dc2626'],
    ],
  },
  { id: 'sessions', title: 'DM sessions per minute', series: [['sessions', 'sessions', '#0891b2']] },
  { id: 'firmware', title: 'Firmware updates per minute', series: [['firmware', 'updates ended', '#ea580c']] },
];

const percent = (rate) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10} %`);
const label = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function eventRow(event) {
  const cls = event.ok === false ? 'bad' : event.ok === true ? 'good' : '';
  return h(
    'li',
    { class: `event ${cls}`, 'data-topic': event.topic },
    h('time', {}, new Date(event.time).toLocaleTimeString()),
    h('span', { class: 'topic' }, event.topic.replace(/\.v\d+$/, '')),
    event.msisdn
      ? h('a', { href: `#/subscriber/${event.msisdn}` }, event.msisdn)
      : h('span', { class: 'muted' }, event.deviceId ?? ''),
    h('span', {}, event.summary),
  );
}

/** Charts per minute, success rates and the live list; the stream pushes events, charts refresh from the snapshot. */
export async function dashboardView(main, user) {
  const tiles = h('div', { class: 'tiles', id: 'tiles' });
  const list = h('ol', { class: 'events', id: 'live-events' });
  const status = h('span', { class: 'live-status', id: 'live-status' }, 'connecting…');
  const canvases = Object.fromEntries(
    CHARTS.map((c) => [c.id, h('canvas', { id: `chart-${c.id}`, height: 160 })]),
  );
  const scope = user.role === 'corporate-admin' ? ` — tenant ${user.tenantId}` : '';
  mount(
    main,
    h('h1', {}, `Live dashboard${scope}`),
    tiles,
    h(
      'div',
      { class: 'charts' },
      CHARTS.map((c) =>
        h(
          'figure',
          { class: 'card' },
          h('figcaption', {}, c.title),
          h('div', { class: 'chart-box' }, canvases[c.id]),
        ),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, 'Events as they happen ', status), list),
  );
  const charts = {};
  const draw = (snapshot) => {
    mount(
      tiles,
      [
        ['Detections (60 min)', snapshot.totals.detections],
        ['Diagnostics success', percent(snapshot.successRate.diagnostics)],
        ['Configuration success', percent(snapshot.successRate.configurations)],
        ['Session success', percent(snapshot.successRate.sessions)],
        ['DM job success', percent(snapshot.successRate.commands)],
        ['Firmware update success', percent(snapshot.successRate.firmware)],
      ].map(([name, value]) =>
        h('div', { class: 'tile card' }, h('span', { class: 'muted' }, name), h('strong', {}, String(value))),
      ),
    );
    for (const c of CHARTS) {
      const labels = snapshot.minutes.map(label);
      const datasets = c.series.map(([key, name, color]) => ({
        label: name,
        data: snapshot.series[key],
        backgroundColor: color,
        borderColor: color,
      }));
      if (charts[c.id]) {
        charts[c.id].data.labels = labels;
        charts[c.id].data.datasets.forEach((d, i) => (d.data = datasets[i].data));
        charts[c.id].update('none');
      } else if (window.Chart) {
        charts[c.id] = new window.Chart(canvases[c.id], {
          type: 'bar',
          data: { labels, datasets },
          options: {
            animation: false,
            maintainAspectRatio: false,
            scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
            plugins: { legend: { display: datasets.length > 1 } },
          },
        });
      }
    }
  };
  const refresh = async () => draw(await api('GET', '/dashboard'));
  const first = await api('GET', '/dashboard');
  mount(
    list,
    first.recent.length
      ? first.recent.map(eventRow)
      : [h('li', { class: 'muted empty' }, 'No events yet: they appear here as they happen.')],
  );
  draw(first);

  let pending;
  const stream = new EventSource('/api/v1/console/live');
  stream.addEventListener('open', () => (status.textContent = '● live'));
  stream.addEventListener('error', () => (status.textContent = 'reconnecting…'));
  stream.addEventListener('feed', (message) => {
    const event = JSON.parse(message.data);
    list.querySelector('.empty')?.remove();
    list.prepend(eventRow(event));
    while (list.children.length > 50) list.lastChild.remove();
    pending ??= setTimeout(() => {
      pending = undefined;
      refresh().catch((error) => main.prepend(notice('error', explain(error))));
    }, 500);
  });
  // The minute labels move on even when nothing happens.
  const tick = setInterval(() => void refresh().catch(() => undefined), 30_000);
  return () => {
    stream.close();
    clearInterval(tick);
    clearTimeout(pending);
    Object.values(charts).forEach((chart) => chart.destroy());
  };
}
