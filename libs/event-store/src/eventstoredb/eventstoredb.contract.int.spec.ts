import { contractUpcasters, describeEventStoreContract } from '../testing/index.js';
import { openEventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * The shared contract against a live EventStoreDB, e.g. the `eventstore` service of the root
 * docker-compose.yml:
 *
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm test -- libs/event-store/src/eventstoredb
 *
 * EventStoreDB is append-only and the suite cannot remove what it wrote; every test writes to
 * streams (and command ids) of its own, so it can run against a node that is not empty. Use a
 * throwaway node, not one holding data you care about.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

if (connectionString) {
  const open = async () => {
    const store = await openEventStoreDbEventStore({ connectionString, upcasters: contractUpcasters() });
    return { store, dispose: () => store.close() };
  };
  describeEventStoreContract('eventstoredb', open, {
    // A restart is a new client on the same server: everything it knows comes from the server.
    reopen: async (previous) => {
      await previous.store.close();
      return open();
    },
  });
} else {
  describe.skip('EventStore contract: eventstoredb (skipped: set EVENTSTORE_CONNECTION_STRING to a running EventStoreDB, e.g. esdb://localhost:2113?tls=false)', () => {
    it('needs a live EventStoreDB', () => undefined);
  });
}
