/**
 * Kong's schema field shapes, as a plugin's `Schema` export carries them: an array
 * of one-key maps, `[{ field_name: { type, ...attributes } }]` (reference §11).
 */
export type KongType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'set' | 'map' | 'record' | 'json' | 'foreign';

export interface KongFieldDef {
  type: KongType;
  required?: boolean;
  default?: unknown;
  description?: string;
  referenceable?: boolean;
  encrypted?: boolean;
  one_of?: Array<string | number>;
  between?: [number, number];
  gt?: number;
  len_min?: number;
  len_max?: number;
  elements?: KongFieldDef;
  keys?: KongFieldDef;
  values?: KongFieldDef;
  fields?: KongField[];
  [attribute: string]: unknown;
}

export type KongField = Record<string, KongFieldDef>;

/** The one name and definition of a one-key field map. */
export function fieldEntry(field: KongField): [string, KongFieldDef] {
  const [entry] = Object.entries(field);
  return entry;
}
