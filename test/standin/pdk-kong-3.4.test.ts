import { requestPdk } from '../../kong/standin/pdk/request';
import { buildExit, finalHeaders, responsePdk } from '../../kong/standin/pdk/response';
import { serviceRequestPdk } from '../../kong/standin/pdk/service';
import { LuaError } from '../../kong/standin/pdk';
import type { PdkEnv } from '../../kong/standin/pdk/types';

/** PDK functions as Kong 3.4.2 defines them (kong/pdk/*.lua at the 3.4.2 tag), where later versions differ. */
function env(state: Record<string, unknown>): PdkEnv {
  return { state: { phase: 'access', headers: {}, ...state }, pluginId: 'p', nodeId: 'n', errorLog: () => undefined } as unknown as PdkEnv;
}

describe('kong.request.get_raw_body in Kong 3.4.2', () => {
  it('takes no argument: a body spooled to a file is nil (a 500 through the bin packer) even when asked with 0', () => {
    const spooled = env({ body: Buffer.alloc(9000, 'x'), bodyBufferBytes: 8192 });
    // `getRawBody(0)` reads the file only from Kong 3.8 (max_allowed_file_size); 3.4.2's get_raw_body() ignores it.
    expect(() => requestPdk.get_raw_body(spooled, 0)).toThrow(LuaError);
    expect(() => requestPdk.get_raw_body(spooled)).toThrow(LuaError);
    const buffered = env({ body: Buffer.alloc(8000, 'x'), bodyBufferBytes: 8192 });
    expect((requestPdk.get_raw_body(buffered, 0) as Buffer).length).toBe(8000);
  });
});

describe('one header set to a list of values in Kong 3.4.2', () => {
  it('is refused by set_header and add_header (validate_header takes a string, number or boolean) and taken by set_headers', () => {
    const headers = () => env({ responseHeaders: {}, upstream: { headers: {} } });
    for (const fn of [responsePdk.set_header, responsePdk.add_header, serviceRequestPdk.set_header, serviceRequestPdk.add_header]) {
      expect(() => fn(headers(), 'x-many', ['one', 'two'])).toThrow(LuaError);
      expect(() => fn(headers(), 'x-one', 1)).not.toThrow();
    }
    const both = headers();
    responsePdk.set_headers(both, { 'x-many': ['one', 'two'] });
    serviceRequestPdk.set_headers(both, { 'x-many': ['one', 'two'] });
    expect(both.state.responseHeaders['x-many']).toEqual(['one', 'two']);
    expect(both.state.upstream.headers['x-many']).toEqual(['one', 'two']);
  });
});

describe('kong.response.exit after a plugin set a response header', () => {
  it('sends the exit’s value: Kong sets the exit’s headers last (ngx.header[name] in response.lua send)', () => {
    const e = env({ responseHeaders: {} });
    responsePdk.set_header(e, 'x-cache-status', 'Miss');
    responsePdk.set_header(e, 'x-trace', 't1');
    e.state.exit = buildExit(e, [200, 'cached', { 'X-Cache-Status': 'Hit' }]);
    const sent = finalHeaders(e.state);
    expect(sent['x-cache-status']).toEqual(['Hit']);
    expect(sent['x-trace']).toEqual(['t1']);
  });
});

describe('kong.request.get_headers in Kong 3.4.2', () => {
  const many = () => {
    const headers: Record<string, string[]> = {};
    for (let i = 1; i <= 120; i++) headers[`x-h${i}`] = [String(i)];
    headers['cache-control'] = ['no-store'];
    return headers;
  };

  it('returns the first 100 headers unless asked for more (ngx.req.get_headers and lua_max_req_headers = 100)', () => {
    const e = env({ headers: many() });
    const seen = requestPdk.get_headers(e) as Record<string, string[]>;
    expect(Object.keys(seen)).toHaveLength(100);
    expect(seen['cache-control']).toBeUndefined();
    expect((requestPdk.get_headers(e, 1000) as Record<string, string[]>)['cache-control']).toEqual(['no-store']);
    // get_header reads ngx.var, which has every header.
    expect(requestPdk.get_header(e, 'cache-control')).toBe('no-store');
    expect(() => requestPdk.get_headers(e, 1001)).toThrow(LuaError);
    expect(() => requestPdk.get_headers(e, 0)).toThrow(LuaError);
  });

  it('counts each value of a repeated header', () => {
    const e = env({ headers: { 'x-multi': Array.from({ length: 99 }, (_, i) => String(i)), 'x-last': ['1', '2'] } });
    expect((requestPdk.get_headers(e) as Record<string, string[]>)['x-last']).toEqual(['1']);
  });
});
