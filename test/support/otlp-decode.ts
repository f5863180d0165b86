/**
 * Decodes what an OTLP/HTTP trace exporter sends, JSON or protobuf, into one
 * shape (the OTLP-JSON one: hex ids, attribute lists), so tests can check spans
 * whichever encoding the transport uses. The protobuf side is a small reader for
 * the few messages of opentelemetry/proto/trace/v1 that carry spans.
 */
export interface OtlpValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number;
  doubleValue?: number;
  arrayValue?: { values: OtlpValue[] };
}
export interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  status?: { code?: number; message?: string };
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  tag(): { field: number; wire: number } {
    const t = Number(this.varint());
    return { field: t >>> 3, wire: t & 7 };
  }
  bytes(): Buffer {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  fixed64(): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + 8);
    this.pos += 8;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function each(buf: Buffer, visit: (field: number, wire: number, r: Reader) => void): void {
  const r = new Reader(buf);
  while (!r.done) {
    const { field, wire } = r.tag();
    const before = r.pos;
    visit(field, wire, r);
    if (r.pos === before) r.skip(wire);
  }
}

function anyValue(buf: Buffer): OtlpValue {
  const value: OtlpValue = {};
  each(buf, (field, wire, r) => {
    if (field === 1 && wire === 2) value.stringValue = r.bytes().toString('utf8');
    else if (field === 2 && wire === 0) value.boolValue = r.varint() !== 0n;
    else if (field === 3 && wire === 0) value.intValue = Number(BigInt.asIntN(64, r.varint()));
    else if (field === 4 && wire === 1) value.doubleValue = r.fixed64().readDoubleLE(0);
    else if (field === 5 && wire === 2) {
      const values: OtlpValue[] = [];
      each(r.bytes(), (f, w, inner) => {
        if (f === 1 && w === 2) values.push(anyValue(inner.bytes()));
      });
      value.arrayValue = { values };
    }
  });
  return value;
}

function keyValue(buf: Buffer): OtlpAttribute {
  const kv: OtlpAttribute = { key: '', value: {} };
  each(buf, (field, wire, r) => {
    if (field === 1 && wire === 2) kv.key = r.bytes().toString('utf8');
    else if (field === 2 && wire === 2) kv.value = anyValue(r.bytes());
  });
  return kv;
}

function span(buf: Buffer): OtlpSpan {
  const s: OtlpSpan = { traceId: '', spanId: '', name: '', startTimeUnixNano: '0', endTimeUnixNano: '0', attributes: [] };
  each(buf, (field, wire, r) => {
    if (field === 1 && wire === 2) s.traceId = r.bytes().toString('hex');
    else if (field === 2 && wire === 2) s.spanId = r.bytes().toString('hex');
    else if (field === 4 && wire === 2) s.parentSpanId = r.bytes().toString('hex') || undefined;
    else if (field === 5 && wire === 2) s.name = r.bytes().toString('utf8');
    else if (field === 7 && wire === 1) s.startTimeUnixNano = r.fixed64().readBigUInt64LE(0).toString();
    else if (field === 8 && wire === 1) s.endTimeUnixNano = r.fixed64().readBigUInt64LE(0).toString();
    else if (field === 9 && wire === 2) s.attributes.push(keyValue(r.bytes()));
    else if (field === 15 && wire === 2) {
      const status: { code?: number; message?: string } = {};
      each(r.bytes(), (f, w, inner) => {
        if (f === 2 && w === 2) status.message = inner.bytes().toString('utf8');
        else if (f === 3 && w === 0) status.code = Number(inner.varint());
      });
      s.status = status;
    }
  });
  return s;
}

function decodeProtobuf(body: Buffer): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  each(body, (field, wire, r) => {
    if (field !== 1 || wire !== 2) return;
    each(r.bytes(), (f, w, rs) => {
      if (f !== 2 || w !== 2) return;
      each(rs.bytes(), (f2, w2, ss) => {
        if (f2 === 2 && w2 === 2) spans.push(span(ss.bytes()));
      });
    });
  });
  return spans;
}

export function decodeOtlp(contentType: string, body: Buffer): OtlpSpan[] {
  if (contentType.includes('protobuf')) return decodeProtobuf(body);
  const json = JSON.parse(body.toString()) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
  return json.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
}

/** Every span a capture server received on Langfuse's OTLP endpoint. */
export function spansOf(received: Array<{ path: string; headers: Record<string, unknown>; body: Buffer }>): OtlpSpan[] {
  return received
    .filter((r) => r.path === '/api/public/otel/v1/traces')
    .flatMap((r) => decodeOtlp(String(r.headers['content-type']), r.body));
}

/** A span's attributes as plain values. */
export function attrs(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(
    span.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.doubleValue ?? a.value.boolValue ?? a.value.arrayValue?.values.map((v) => v.stringValue)]),
  );
}
