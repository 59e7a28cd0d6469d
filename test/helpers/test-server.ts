/** What global setup tells each test file about the PostgreSQL server of this run. */
export interface TestServer {
  /** A superuser URL on the server (its database does not matter). */
  serverUrl: string;
  /** The migrated template database to clone. */
  template: string;
  /** Every database of this run starts with this, so teardown can drop them all. */
  prefix: string;
  appUser: string;
  workerUser: string;
  password: string;
}
