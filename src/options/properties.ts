// `-D command name [key] value` resolved through the codec's property table, with
// mosquitto's checks and messages (client/client_props.c, observed on 2.0.11).
import { Property, PropertyByName, type PropertyContext, type PropertyDef } from '../codec/constants.js';
import { MAX_VARINT } from '../codec/primitives.js';
import type { Properties } from '../codec/types.js';
import { UsageError } from '../errors.js';
import { parseIntStrict } from './numbers.js';
import type { PropertyArg } from './spec.js';

/** The packets a client command can attach -D properties to. */
export type PropertyTarget = 'connect' | 'publish' | 'subscribe' | 'unsubscribe' | 'disconnect' | 'will';

export type PropertySets = Partial<Record<PropertyTarget, Properties>>;

const COMMANDS: readonly PropertyContext[] = [
  'connect', 'connack', 'publish', 'puback', 'pubrec', 'pubrel', 'pubcomp', 'subscribe', 'unsubscribe', 'disconnect', 'auth', 'will',
];
const TARGETS: readonly PropertyTarget[] = ['connect', 'publish', 'subscribe', 'unsubscribe', 'disconnect', 'will'];

/** What `-D` accepts, packet by packet (for shell completion): the names a client may send. */
export function propertyNamesByTarget(): ReadonlyArray<{ target: PropertyTarget; names: string[] }> {
  const defs = Object.values(Property) as readonly PropertyDef[];
  return TARGETS.map((target) => ({
    target,
    names: defs.filter((d) => d.packets.includes(target) && !(target === 'publish' && d === Property.subscriptionIdentifier)).map((d) => d.name),
  }));
}

const MAX: Record<string, number> = { byte: 0xff, u16: 0xffff, u32: 0xffff_ffff, varint: MAX_VARINT };

function parseNumber(text: string, def: PropertyDef, target: string): number {
  const n = parseIntStrict(text);
  if (n === undefined) throw new UsageError(`Property value (${text}) is not a number for property ${def.name}.`);
  if (n < 0 || n > MAX[def.type]!) throw new UsageError(`Property value (${text}) out of range for property ${def.name}.`);
  // Values the spec forbids (receive-maximum 0, topic-alias 0, request-problem-information 2...).
  if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
    throw new UsageError(`Error in ${target.toUpperCase()} properties: ${def.name} may not be ${n}.`, { code: 1 });
  }
  return n;
}

function addProperty(props: Properties, def: PropertyDef, arg: PropertyArg, target: string): void {
  const p = props as Record<string, unknown>;
  if (def.key === 'userProperties') {
    (props.userProperties ??= []).push([arg.value, arg.value2 ?? '']);
    return;
  }
  if (p[def.key] !== undefined) throw new UsageError(`Error in ${target.toUpperCase()} properties: Duplicate property in property list`);
  switch (def.type) {
    case 'string':
      p[def.key] = arg.value;
      return;
    case 'binary':
      p[def.key] = Buffer.from(arg.value, 'utf8');
      return;
    default: {
      const n = parseNumber(arg.value, def, target);
      p[def.key] = def.key === 'subscriptionIdentifier' ? [n] : n;
    }
  }
}

/** Groups the -D arguments by packet; throws UsageError with mosquitto's messages. */
export function toPropertySets(args: readonly PropertyArg[]): PropertySets {
  const sets: PropertySets = {};
  for (const arg of args) {
    const command = arg.command.toLowerCase() as PropertyContext;
    if (!COMMANDS.includes(command)) throw new UsageError('Invalid command given in --property argument.');
    const def = PropertyByName.get(arg.name.toLowerCase());
    if (!def) throw new UsageError(`Invalid property name '${arg.name}' given in --property argument.`);
    // A client never sends these, so mosquitto refuses them before the spec check.
    if (!(TARGETS as readonly string[]).includes(command) || (command === 'publish' && def === Property.subscriptionIdentifier)) {
      if (command === 'connack') throw new UsageError(`${def.name} property not supported for connack in --property argument.`);
      throw new UsageError(`${def.name} property not supported for ${command} in --property argument.`);
    }
    if (!def.packets.includes(command)) {
      throw new UsageError(`${def.name} property not allowed for ${command} in --property argument.`);
    }
    const target = command as PropertyTarget;
    addProperty((sets[target] ??= {}), def, arg, target);
  }
  return sets;
}
