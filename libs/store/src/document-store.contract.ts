import type { Document, DocumentCollection, DocumentStore } from './document-store.port';
import { defineDocumentBulkCases } from './contract/document-bulk.cases';
import { defineDocumentCrudCases } from './contract/document-crud.cases';
import { defineDocumentFilterCases } from './contract/document-filter.cases';
import { defineDocumentIndexCases } from './contract/document-index.cases';
import { defineDocumentOrderCases } from './contract/document-order.cases';
import { defineDocumentUpdateCases } from './contract/document-update.cases';

export type DocumentStoreFactory = () => DocumentStore | Promise<DocumentStore>;

/** What each group of cases gets: a fresh, uniquely named collection per test. */
export interface DocumentContractContext {
  store(): DocumentStore;
  freshCollection<T extends Document>(): DocumentCollection<T>;
}

/**
 * The behaviour every DocumentStore adapter must share (STYLE.md 9), written once and
 * run against each adapter: the embedded store in unit tests, MongoDB (FerretDB) in
 * integration tests. A difference between adapters is a failing case here, not a
 * surprise in a service.
 */
export function defineDocumentStoreContract(name: string, factory: DocumentStoreFactory): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore | undefined;
    let sequence = 0;
    const suffix = Math.random().toString(36).slice(2, 8);

    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    const context: DocumentContractContext = {
      store() {
        if (!store) throw new TypeError('store factory has not run');
        return store;
      },
      freshCollection<T extends Document>() {
        sequence += 1;
        return context.store().collection<T>(`contract_${suffix}_${sequence}`);
      },
    };

    defineDocumentCrudCases(context);
    defineDocumentBulkCases(context);
    defineDocumentUpdateCases(context);
    defineDocumentFilterCases(context);
    defineDocumentOrderCases(context);
    defineDocumentIndexCases(context);
  });
}
