// Both sides agree on one contract: the PHP plugin accepts exactly the request fields (requires exactly the create
// fields, and accepts JSON null for exactly the nullable ones) of the zod schemas in shared/osticket/contract.ts.
// Needs php; skipped with a message otherwise.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { resources, settingsUpdate, userUpdate, type WritableResourceName } from '../../shared/osticket/contract';
import { hasPhp } from '../helpers/php';

interface Described {
  fields: string[];
  required: string[];
  nullable: string[];
  nested: Record<string, Described>;
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur: z.ZodType = s;
  for (;;) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
    else if (cur instanceof z.ZodArray) cur = cur.element as z.ZodType;
    else return cur;
  }
}

function shapeOf(schema: z.ZodObject): Described {
  const out: Described = { fields: [], required: [], nullable: [], nested: {} };
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    out.fields.push(name);
    if (!field.safeParse(undefined).success) out.required.push(name);
    if (field.safeParse(null).success) out.nullable.push(name);
    const inner = unwrap(field);
    if (inner instanceof z.ZodObject) out.nested[name] = shapeOf(inner);
  }
  out.fields.sort();
  out.required.sort();
  out.nullable.sort();
  return out;
}

const php = hasPhp();
if (!php)
  console.warn('php is not on PATH: skipping the PHP/TypeScript contract comparison (apt-get install -y php-cli)');

(php ? describe : describe.skip)('the PHP plugin and contract.ts accept the same request fields', () => {
  const script = join(__dirname, '..', '..', 'infra', 'osticket', 'test', 'dump-specs.php');
  const specs = php
    ? (JSON.parse(execFileSync('php', [script], { encoding: 'utf8' })) as Record<string, Described>)
    : {};
  const writable = Object.keys(resources).filter(
    (r) => resources[r as keyof typeof resources].create !== undefined,
  ) as WritableResourceName[];

  it.each(writable)('%s (create)', (r) => {
    expect(specs[r]).toEqual(shapeOf(resources[r].create));
  });

  it('users (update) drops the e-mail, settings match', () => {
    const users = shapeOf(userUpdate);
    expect(users.fields).toEqual(specs['users']!.fields.filter((f) => f !== 'email'));
    expect(users.required).toEqual([]);
    expect(specs['settings']).toEqual(shapeOf(settingsUpdate));
  });

  it('every update schema is the create schema with nothing required', () => {
    for (const r of writable.filter((x) => x !== 'users')) {
      const update = shapeOf(resources[r].update);
      expect({ r, fields: update.fields, required: update.required, nullable: update.nullable }).toEqual({
        r,
        fields: specs[r]!.fields,
        required: [],
        nullable: specs[r]!.nullable,
      });
    }
  });
});
