// Packet type and reason code tables (Table 2-1, Table 2-6).
import { describe, expect, it } from 'vitest';
import {
  ConnackReturnCodeNames, PacketType, PacketTypeById, PropertyById, PropertyByKey, PropertyByName, ReasonCode,
  isReasonCodeAllowed, reasonCodeName,
} from '../../src/codec/index.js';

describe('PacketType', () => {
  it('numbers the 15 packet types 1..15 and inverts them (Table 2-1)', () => {
    expect(Object.values(PacketType).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const [name, id] of Object.entries(PacketType)) expect(PacketTypeById[id]).toBe(name);
    expect(PacketTypeById[0]).toBeUndefined();
  });
});

describe('reason codes', () => {
  it('names codes by spec name', () => {
    expect(reasonCodeName(0x87)).toBe('Not authorized');
    expect(reasonCodeName(ReasonCode.PacketTooLarge)).toBe('Packet too large');
    expect(reasonCodeName(0x9e)).toBe('Shared Subscriptions not supported');
  });

  it('names 0x00 after the packet it is in (Table 2-6)', () => {
    expect(reasonCodeName(0, 'puback')).toBe('Success');
    expect(reasonCodeName(0, 'disconnect')).toBe('Normal disconnection');
    expect(reasonCodeName(0, 'suback')).toBe('Granted QoS 0');
    expect(reasonCodeName(1, 'suback')).toBe('Granted QoS 1');
  });

  it('names unknown codes', () => {
    expect(reasonCodeName(0x05)).toBe('Unknown reason code 0x05');
  });

  it('knows which packet each code belongs to (Table 2-6)', () => {
    expect(isReasonCodeAllowed('puback', 0x10)).toBe(true);
    expect(isReasonCodeAllowed('pubcomp', 0x10)).toBe(false);
    expect(isReasonCodeAllowed('pubrel', 0x92)).toBe(true);
    expect(isReasonCodeAllowed('auth', 0x18)).toBe(true);
    expect(isReasonCodeAllowed('connack', 0x04)).toBe(false);
    expect(isReasonCodeAllowed('disconnect', 0x04)).toBe(true);
  });

  it('has a name for every v3 CONNACK return code 0-5 (3.1.1 Table 3.1)', () => {
    expect(Object.keys(ConnackReturnCodeNames)).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});

describe('property lookups', () => {
  it('finds the same definition by id, key and mosquitto name', () => {
    const def = PropertyById[0x26]!;
    expect(def.key).toBe('userProperties');
    expect(PropertyByKey.get('userProperties')).toBe(def);
    expect(PropertyByName.get('user-property')).toBe(def);
    expect(PropertyById[0x04]).toBeUndefined();
  });
});
