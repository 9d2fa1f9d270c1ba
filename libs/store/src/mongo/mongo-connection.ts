import { MongoClient, type Collection, type MongoClientOptions } from 'mongodb';
import { StoreClosedError } from '../errors/store-closed.error';

export type MongoDoc = { _id: string } & Record<string, unknown>;

/**
 * Owns the MongoClient. The driver (6.x) reconnects by itself once it has connected,
 * but a client whose *first* connect failed stays closed for good ("Topology is
 * closed"); a service that starts before its database would never recover. So the
 * client is created on first use and, if that connect fails, dropped and created anew
 * on the next request.
 */
export class MongoConnection {
  private client: Promise<MongoClient> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly database: string,
    private readonly options: MongoClientOptions,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async collection(name: string): Promise<Collection<MongoDoc>> {
    return (await this.connected()).db(this.database).collection<MongoDoc>(name);
  }

  async ping(): Promise<void> {
    await (await this.connected()).db(this.database).command({ ping: 1 });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (client) await (await client.catch(() => undefined))?.close();
  }

  private connected(): Promise<MongoClient> {
    if (this.closed) return Promise.reject(new StoreClosedError('mongo store'));
    if (this.client === undefined) {
      const client = new MongoClient(this.url, this.options);
      const connecting = client.connect().catch(async (error: unknown) => {
        if (this.client === connecting) this.client = undefined;
        await client.close().catch(() => undefined);
        throw error;
      });
      this.client = connecting;
    }
    return this.client;
  }
}
