import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { DeviceTemplate } from '../domain/template.model';

type Stored = Omit<DeviceTemplate, 'id'> & { _id: string };

/** Templates with their match rules (`config_templates`); few, so they are read whole and matched in memory. */
export class TemplateRepository {
  private readonly collection: DocumentCollection<Stored>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<Stored>('config_templates');
  }

  async list(): Promise<DeviceTemplate[]> {
    return (await this.collection.find({}, { limit: 1000 })).map(({ _id, ...t }) => ({ ...t, id: _id }));
  }

  async get(id: string): Promise<DeviceTemplate | undefined> {
    const doc = await this.collection.get(id);
    if (doc === null) return undefined;
    const { _id, ...t } = doc;
    return { ...t, id: _id };
  }

  async put(template: DeviceTemplate): Promise<void> {
    const { id, ...rest } = template;
    await this.collection.put({ ...rest, _id: id });
  }

  /** Seeds a template only when none of that id exists (an operator's edit is never overwritten). */
  insertIfMissing(template: DeviceTemplate): Promise<boolean> {
    const { id, ...rest } = template;
    return this.collection.insert({ ...rest, _id: id });
  }
}
