import { DmTree } from './dm-tree';
import { parseDmUri } from './dm-uri';

function tree(): DmTree {
  return new DmTree()
    .setInterior('./Settings')
    .set('./Settings/Name', { value: 'home' })
    .set('./Fixed/Leaf', { value: 'x', access: ['Get'] });
}

describe('DM tree URIs', () => {
  it('accepts ./A/B, A/B, a trailing slash and ?prop=, and refuses a leading slash or ..', () => {
    expect(parseDmUri('./A/B')?.segments).toEqual(['A', 'B']);
    expect(parseDmUri('A/B/')?.segments).toEqual(['A', 'B']);
    expect(parseDmUri('.')?.segments).toEqual([]);
    expect(parseDmUri('./A?prop=Type')).toEqual({ segments: ['A'], prop: 'Type' });
    expect(parseDmUri('/A')).toBeUndefined();
    expect(parseDmUri('./A/../B')).toBeUndefined();
    expect(parseDmUri('./A//B')).toBeUndefined();
  });
});

describe('DmTree', () => {
  it('adds a leaf and creates missing interior parents', () => {
    const t = tree();
    expect(t.add('./ConnMO/NAP/Internet/Addr', { format: 'chr', value: 'apn' })).toBe(200);
    expect(t.find('./ConnMO/NAP')?.format).toBe('node');
    expect(t.text('./ConnMO/NAP/Internet/Addr')).toBe('apn');
  });

  it('answers 418 when adding a node that exists and 405 when adding under a leaf', () => {
    const t = tree();
    expect(t.add('./Settings/Name', { value: 'again' })).toBe(418);
    expect(t.add('./Settings/Name/Child', { value: 'x' })).toBe(405);
    expect(t.text('./Settings/Name')).toBe('home');
  });

  it('replaces an existing leaf, 404 for a missing one, 405 for an interior or read-only node', () => {
    const t = tree();
    expect(t.replace('./Settings/Name', { value: 'work' })).toBe(200);
    expect(t.text('./Settings/Name')).toBe('work');
    expect(t.replace('./Settings/Missing', { value: 'x' })).toBe(404);
    expect(t.find('./Settings/Missing')).toBeUndefined();
    expect(t.replace('./Settings', { value: 'x' })).toBe(405);
    expect(t.replace('./Fixed/Leaf', { value: 'y' })).toBe(405);
  });

  it('deletes a subtree, 404 when missing, 405 for the root or a permanent node inside', () => {
    const t = tree();
    expect(t.delete('./Settings')).toBe(200);
    expect(t.find('./Settings/Name')).toBeUndefined();
    expect(t.delete('./Settings')).toBe(404);
    expect(t.delete('.')).toBe(405);
    expect(t.delete('./Fixed')).toBe(405);
  });

  it('copies a leaf value onto a new or existing target', () => {
    const t = tree();
    expect(t.copy('./Settings/Copy', './Settings/Name')).toBe(200);
    expect(t.text('./Settings/Copy')).toBe('home');
    expect(t.copy('./Settings/Copy', './Nope')).toBe(404);
  });

  it('restores a snapshot, leaving later changes out', () => {
    const t = tree();
    const snap = t.snapshot();
    t.replace('./Settings/Name', { value: 'changed' });
    t.add('./New', { value: '1' });
    t.restore(snap);
    expect(t.text('./Settings/Name')).toBe('home');
    expect(t.find('./New')).toBeUndefined();
  });

  it('stores binary values as octets and shows them as base64 text', () => {
    const t = new DmTree().set('./Bin', { format: 'bin', value: Uint8Array.of(1, 2, 3) });
    expect(t.value('./Bin')).toEqual(Uint8Array.of(1, 2, 3));
    expect(t.text('./Bin')).toBe('AQID');
  });

  it('lists every node under a URI depth first', () => {
    expect(tree().list('./Settings')).toEqual(['./Settings', './Settings/Name']);
  });
});
