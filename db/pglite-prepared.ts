/**
 * Named prepared statements for PGlite.
 *
 * drizzle hands every query to PGlite's `query()`, which sends it as an unnamed statement in five
 * protocol steps (parse, describe statement, bind, describe portal, execute, then sync), each a
 * separate pass through the WASM backend, and PostgreSQL parses and plans the text every time.
 * This client prepares each reading or writing statement (select, insert, update, delete, with)
 * once under a name, remembers its parameter types and result columns, and afterwards runs it
 * with one pass: bind, execute and sync in one message. PostgreSQL may then keep the plan.
 *
 * What stays as before: every other statement (DDL, savepoint, set, vacuum …), queries with a
 * blob or their own parameter types, `exec()`, and everything on the raw PGlite instance.
 *
 * Correctness:
 * - Errors: the message always ends with sync, so a failed statement leaves the backend ready for
 *   the next one; a statement that failed to prepare is not remembered.
 * - Schema changes: PostgreSQL re-plans a prepared statement whose tables changed. When a change
 *   alters a statement's result columns it refuses with "cached plan must not change result type"
 *   (0A000); then the statement is forgotten and, outside a transaction, prepared anew and run
 *   again. Any statement that is not run prepared (e.g. DDL of a migration) forgets all statements,
 *   so the next use prepares them against the new schema.
 * - Transactions: PGlite's own transaction holds its lock; queries inside it use the transaction's
 *   query lock only, as PGlite's `tx.query()` does.
 * The number of statements is bounded by the code (an `in` list gives one text per length); past
 * MAX_STATEMENTS the least recently used ones are closed.
 */
import {
  protocol,
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
} from "@electric-sql/pglite";

type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];
type Parser = (value: string, typeId: number) => unknown;

interface Statement {
  name: string;
  paramTypes: number[];
  fields: { name: string; dataTypeID: number }[];
}

const MAX_STATEMENTS = 1000;
const ROW_COUNT_COMMANDS = new Set(["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"]);
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** Statements that do not change the schema: running them unprepared keeps the prepared ones. */
const SCHEMA_NEUTRAL =
  /^\s*(savepoint|release|rollback|begin|start|commit|end|set|reset|show|vacuum|analyze|checkpoint|lock|notify|listen|unlisten|explain|select|insert|update|delete|with)\b/i;

/** The subset of PGlite (and of its transactions) that drizzle-orm/pglite calls. */
export interface PgliteQueryClient {
  query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  transaction<T>(callback: (tx: PgliteQueryTx) => Promise<T>): Promise<T>;
  exec(query: string, options?: QueryOptions): Promise<Results[]>;
}
export type PgliteQueryTx = Omit<Transaction, "query"> & Pick<PgliteQueryClient, "query">;

export interface PreparedStatementStats {
  prepared: number;
  executed: number;
  passedThrough: number;
  cached: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function attachQuery(error: unknown, query: string, params: unknown[], options?: QueryOptions) {
  if (error && typeof error === "object" && "code" in error) {
    Object.assign(error, { query, params, queryOptions: options });
  }
  return error;
}

function isResultTypeChange(error: unknown): boolean {
  return (
    !!error &&
    typeof error === "object" &&
    (error as { code?: string }).code === "0A000" &&
    /cached plan must not change result type/.test(String((error as Error).message))
  );
}

/**
 * A client over `pglite` for drizzle-orm/pglite that runs reads and writes as named prepared
 * statements. The PGlite instance stays usable directly (dumps, exec); statements prepared here
 * live on its single connection until the instance closes.
 */
export function withPglitePreparedStatements(pglite: PGlite): PgliteQueryClient & {
  stats: PreparedStatementStats;
} {
  const statements = new Map<string, Statement>();
  /** Names to close with the next message (forgotten after a schema change or eviction). */
  let toClose: string[] = [];
  let counter = 0;
  const stats: PreparedStatementStats = { prepared: 0, executed: 0, passedThrough: 0, cached: 0 };

  function forgetAll() {
    for (const statement of statements.values()) toClose.push(statement.name);
    statements.clear();
  }

  function forget(query: string) {
    const statement = statements.get(query);
    if (!statement) return;
    statements.delete(query);
    toClose.push(statement.name);
  }

  /** Closes forgotten statements (best effort: a failed transaction refuses, we retry later). */
  function closeMessages(): Uint8Array[] {
    return toClose.map((name) => protocol.serialize.close({ type: "S", name }));
  }

  async function send(message: Uint8Array, options?: QueryOptions): Promise<BackendMessage[]> {
    return pglite.execProtocolStream(message, { syncToFs: false, onNotice: options?.onNotice });
  }

  async function prepare(query: string, options?: QueryOptions): Promise<Statement> {
    const name = `d${++counter}`;
    const closing = toClose;
    const messages = await send(
      concat([
        ...closeMessages(),
        protocol.serialize.parse({ name, text: query }),
        protocol.serialize.describe({ type: "S", name }),
        protocol.serialize.sync(),
      ]),
      options,
    );
    if (toClose === closing) toClose = [];
    const statement: Statement = { name, paramTypes: [], fields: [] };
    for (const message of messages) {
      if (message.name === "parameterDescription") {
        statement.paramTypes = (message as unknown as { dataTypeIDs: number[] }).dataTypeIDs;
      } else if (message.name === "rowDescription") {
        const fields = (message as unknown as { fields: { name: string; dataTypeID: number }[] })
          .fields;
        statement.fields = fields.map((field) => ({
          name: field.name,
          dataTypeID: field.dataTypeID,
        }));
      }
    }
    if (statements.size >= MAX_STATEMENTS) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) forget(oldest);
    }
    statements.set(query, statement);
    stats.prepared++;
    stats.cached = statements.size;
    return statement;
  }

  async function runPrepared<T>(
    query: string,
    params: unknown[],
    options: QueryOptions | undefined,
  ): Promise<Results<T>> {
    let statement = statements.get(query);
    if (statement) {
      // Most recently used last, for eviction.
      statements.delete(query);
      statements.set(query, statement);
    } else {
      statement = await prepare(query, options);
    }
    const { paramTypes, fields } = statement;
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = paramTypes[i] ?? 0;
      const serialize = options?.serializers?.[oid] ?? pglite.serializers[oid];
      return serialize ? serialize(param) : String(param as string);
    });
    const messages = await send(
      concat([
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      options,
    );
    stats.executed++;
    return toResults<T>(messages, fields, options);
  }

  function toResults<T>(
    messages: BackendMessage[],
    fields: Statement["fields"],
    options: QueryOptions | undefined,
  ): Results<T> {
    const custom = options?.parsers;
    const count = fields.length;
    const names = fields.map((field) => field.name);
    const types = fields.map((field) => field.dataTypeID);
    const parsers = types.map(
      (type) => (custom?.[type] ?? pglite.parsers[type]) as Parser | undefined,
    );
    const parse = (value: string | null | undefined, i: number): unknown => {
      if (value === null || value === undefined) return null;
      const parser = parsers[i];
      return parser ? parser(value, types[i]!) : value;
    };
    const arrayMode = options?.rowMode === "array";
    const rows: unknown[] = [];
    let command: string | undefined;
    let affectedRows = 0;
    let rowCount: number | undefined;
    for (const message of messages) {
      if (message.name === "dataRow") {
        const values = (message as unknown as { fields: (string | null)[] }).fields;
        if (arrayMode) {
          const row = new Array<unknown>(count);
          for (let i = 0; i < count; i++) row[i] = parse(values[i], i);
          rows.push(row);
        } else {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < count; i++) row[names[i]!] = parse(values[i], i);
          rows.push(row);
        }
      } else if (message.name === "commandComplete") {
        const parts = (message as unknown as { text: string }).text.split(" ");
        command = parts[0] ?? "";
        const tagCount = parseInt(parts[parts.length - 1] ?? "", 10);
        if (ROW_COUNT_COMMANDS.has(command)) affectedRows += tagCount;
        if (!Number.isNaN(tagCount)) rowCount = tagCount;
      }
    }
    const result: Results<T> = {
      rows: rows as T[],
      fields: fields.map(({ name, dataTypeID }) => ({ name, dataTypeID })),
      affectedRows,
    };
    if (command !== undefined) Object.assign(result, { command });
    if (rowCount !== undefined) Object.assign(result, { rowCount });
    return result;
  }

  function preparable(query: string, options?: QueryOptions): boolean {
    return PREPARABLE.test(query) && !options?.blob && !options?.paramTypes;
  }

  /** One query under the caller's locks; `inTransaction`: no retry, no sync to the file system. */
  async function run<T>(
    query: string,
    params: unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
  ): Promise<Results<T>> {
    try {
      return await runPrepared<T>(query, params, options);
    } catch (error) {
      if (!isResultTypeChange(error)) throw attachQuery(error, query, params, options);
      forget(query);
      if (inTransaction) throw attachQuery(error, query, params, options);
      try {
        return await runPrepared<T>(query, params, options);
      } catch (again) {
        throw attachQuery(again, query, params, options);
      }
    } finally {
      if (!inTransaction) await pglite.syncToFs();
    }
  }

  function passThrough(query: string) {
    stats.passedThrough++;
    if (!SCHEMA_NEUTRAL.test(query)) forgetAll();
  }

  const client = {
    stats,
    async query<T>(query: string, params: unknown[] = [], options?: QueryOptions) {
      if (!preparable(query, options)) {
        passThrough(query);
        return pglite.query<T>(query, params, options);
      }
      return pglite._runExclusiveTransaction(() =>
        pglite.runExclusive(() => run<T>(query, params, options, false)),
      );
    },
    async exec(query: string, options?: QueryOptions) {
      passThrough(query);
      return pglite.exec(query, options);
    },
    async transaction<T>(callback: (tx: PgliteQueryTx) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => {
        const wrapped: PgliteQueryTx = {
          get closed() {
            return tx.closed;
          },
          sql: (...args) => tx.sql(...args),
          rollback: () => tx.rollback(),
          listen: (channel, listener) => tx.listen(channel, listener),
          exec: (query, options) => {
            passThrough(query);
            return tx.exec(query, options);
          },
          query: <R>(query: string, params: unknown[] = [], options?: QueryOptions) => {
            if (!preparable(query, options) || tx.closed) {
              passThrough(query);
              return tx.query<R>(query, params, options);
            }
            return pglite.runExclusive(() => run<R>(query, params, options, true));
          },
        };
        return callback(wrapped);
      });
    },
  };
  return client;
}
