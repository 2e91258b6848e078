// A typed repository over one Azure Table: zod-validated entities, ETag concurrency and conditional insert.
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../errors';
import type { TableClientFactory } from './table-client-factory';

export interface Stored<T> {
  partitionKey: string;
  rowKey: string;
  etag: string;
  value: T;
}

export interface ListOptions {
  partitionKey?: string;
  /** OData filter appended with `and`; build it with `odata` from @azure/data-tables to escape values. */
  filter?: string;
  limit?: number;
}

/**
 * Entities are stored as `{ partitionKey, rowKey, data: JSON }` plus any `indexed` top-level columns,
 * so nested values round-trip exactly and a few fields stay filterable.
 */
export class TableRepository<T> {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly table: string,
    private readonly schema: z.ZodType<T>,
    private readonly indexed: (value: T) => Record<string, string | number | boolean | Date | undefined> = () => ({}),
  ) {}

  private client(): Promise<TableClient> {
    return this.tables(this.table);
  }

  private toEntity(partitionKey: string, rowKey: string, value: T) {
    const columns = Object.fromEntries(Object.entries(this.indexed(value)).filter(([, v]) => v !== undefined));
    return { partitionKey, rowKey, ...columns, data: JSON.stringify(value) };
  }

  private fromEntity(entity: TableEntityResult<Record<string, unknown>>): Stored<T> {
    const raw = typeof entity['data'] === 'string' ? (JSON.parse(entity['data']) as unknown) : {};
    return {
      partitionKey: entity.partitionKey!,
      rowKey: entity.rowKey!,
      etag: entity.etag,
      value: this.schema.parse(raw),
    };
  }

  async get(partitionKey: string, rowKey: string): Promise<Stored<T> | undefined> {
    const client = await this.client();
    try {
      return this.fromEntity(await client.getEntity<Record<string, unknown>>(partitionKey, rowKey));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async getOrThrow(partitionKey: string, rowKey: string): Promise<Stored<T>> {
    const found = await this.get(partitionKey, rowKey);
    if (!found) throw new NotFoundError(`${this.table} ${partitionKey}/${rowKey} not found`);
    return found;
  }

  /** Inserts only if absent. Returns the new ETag, or undefined when the entity already existed (dedupe). */
  async insertIfAbsent(partitionKey: string, rowKey: string, value: T): Promise<string | undefined> {
    const client = await this.client();
    const valid = this.schema.parse(value);
    try {
      const res = await client.createEntity(this.toEntity(partitionKey, rowKey, valid));
      return res.etag;
    } catch (err) {
      if (statusOf(err) === 409) return undefined;
      throw err;
    }
  }

  /** Inserts or replaces unconditionally. */
  async upsert(partitionKey: string, rowKey: string, value: T): Promise<string> {
    const client = await this.client();
    const res = await client.upsertEntity(this.toEntity(partitionKey, rowKey, this.schema.parse(value)), 'Replace');
    return res.etag!;
  }

  /** Replaces the entity only if its ETag still matches; throws ConflictError when someone else wrote first. */
  async replace(partitionKey: string, rowKey: string, value: T, etag: string): Promise<string> {
    const client = await this.client();
    try {
      const res = await client.updateEntity(this.toEntity(partitionKey, rowKey, this.schema.parse(value)), 'Replace', {
        etag,
      });
      return res.etag!;
    } catch (err) {
      const status = statusOf(err);
      if (status === 412)
        throw new ConflictError(`${this.table} ${partitionKey}/${rowKey} was changed by another writer`);
      if (status === 404) throw new NotFoundError(`${this.table} ${partitionKey}/${rowKey} not found`);
      throw err;
    }
  }

  /** Read-modify-write with ETag retries: `change` gets the current value (or undefined) and returns the new one. */
  async update(partitionKey: string, rowKey: string, change: (current: T | undefined) => T, attempts = 5): Promise<T> {
    for (let i = 0; ; i++) {
      const current = await this.get(partitionKey, rowKey);
      const next = change(current?.value);
      try {
        if (current) await this.replace(partitionKey, rowKey, next, current.etag);
        else if ((await this.insertIfAbsent(partitionKey, rowKey, next)) === undefined)
          throw new ConflictError('inserted concurrently');
        return next;
      } catch (err) {
        if (!(err instanceof ConflictError) || i + 1 >= attempts) throw err;
      }
    }
  }

  async delete(partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    const client = await this.client();
    try {
      await client.deleteEntity(partitionKey, rowKey, etag ? { etag } : {});
    } catch (err) {
      const status = statusOf(err);
      if (status === 404) return;
      if (status === 412)
        throw new ConflictError(`${this.table} ${partitionKey}/${rowKey} was changed by another writer`);
      throw err;
    }
  }

  async list(options: ListOptions = {}): Promise<Stored<T>[]> {
    const out: Stored<T>[] = [];
    for await (const item of this.iterate(options)) {
      out.push(item);
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }

  async *iterate(options: ListOptions = {}): AsyncGenerator<Stored<T>> {
    const client = await this.client();
    const { odata } = await import('@azure/data-tables');
    const filters: string[] = [];
    if (options.partitionKey !== undefined) filters.push(odata`PartitionKey eq ${options.partitionKey}`);
    if (options.filter) filters.push(`(${options.filter})`);
    const queryOptions = filters.length ? { filter: filters.join(' and ') } : {};
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions })) {
      yield this.fromEntity(entity);
    }
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | undefined)?.statusCode;
}

/** Row keys that sort newest first: (max - epoch ms), zero-padded, plus a tiebreaker. */
export function reverseTimeKey(at: Date, tiebreak = ''): string {
  return `${String(8_640_000_000_000_000 - at.getTime()).padStart(16, '0')}${tiebreak ? `-${tiebreak}` : ''}`;
}

/** Table keys may not contain / \ # ? or control characters. */
export function safeKey(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[/\\#?\u0000-\u001f\u007f-\u009f]/g, '_');
}
