// dist/chunk-4UGOHGAK.js
var RicloudError = class extends Error {
  name = "RicloudError";
  /** Status of the HTTP response, when there was one. */
  status;
  /** The request that failed, when the error came from one. */
  request;
  /**
   * True when a request that starts work on the server (`create`, `test`) failed in a way that does not
   * say whether the server acted: check with `list` before sending it again.
   */
  mayHaveSucceeded;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.status = options.status;
    this.request = options.request;
    this.mayHaveSucceeded = options.mayHaveSucceeded ?? false;
  }
  /** A plain object for logs: the message and the fields, no stack, no cause. */
  toJSON() {
    const { stack: _stack, cause: _cause, ...fields } = { ...this };
    return { name: this.name, message: this.message, ...fields };
  }
};
var InvalidInputError = class extends RicloudError {
  constructor(field, message) {
    super(`${field}: ${message}`);
    this.field = field;
  }
  name = "InvalidInputError";
};
var RequestError = class extends RicloudError {
  name = "RequestError";
  /** The API's error code slug, e.g. `invalid-parameter` (empty when the body had none). */
  error;
  /** Per-parameter detail sent with `invalid-parameter`. */
  params;
  /** The raw response body (secret values redacted). */
  body;
  /** The delay the server advised with `Retry-After`, in seconds. */
  retryAfter;
  constructor(message, init) {
    super(message, { status: init.status, request: init.request, mayHaveSucceeded: init.mayHaveSucceeded ?? false });
    this.error = init.error;
    if (init.params !== void 0) this.params = init.params;
    this.body = init.body;
    if (init.retryAfter !== void 0) this.retryAfter = init.retryAfter;
  }
};
var AuthenticationError = class extends RequestError {
  name = "AuthenticationError";
};
var PermissionDeniedError = class extends RequestError {
  name = "PermissionDeniedError";
};
var NotFoundError = class extends RequestError {
  name = "NotFoundError";
};
var RateLimitError = class extends RequestError {
  name = "RateLimitError";
};
var ServerError = class extends RicloudError {
  name = "ServerError";
  /** The raw response body (secret values redacted). */
  body;
  /** The delay the server advised with `Retry-After`, in seconds. */
  retryAfter;
  constructor(message, init) {
    super(message, { status: init.status, request: init.request, mayHaveSucceeded: init.mayHaveSucceeded ?? false });
    this.body = init.body;
    if (init.retryAfter !== void 0) this.retryAfter = init.retryAfter;
  }
};
var ResponseValidationError = class extends RicloudError {
  name = "ResponseValidationError";
  /** The first field that failed, as a dotted path (`data.0.state`); empty when the body was not JSON at all. */
  field;
  /** The raw response body (secret values redacted, cut to 64 KiB). */
  body;
  constructor(message, init) {
    super(message, init);
    this.field = init.field;
    this.body = init.body;
  }
};
var ConnectionError = class extends RicloudError {
  name = "ConnectionError";
};
var TimeoutError = class extends RicloudError {
  name = "TimeoutError";
};
var AbortError = class extends RicloudError {
  name = "AbortError";
};

// node_modules/zod/v4/core/util.js
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
var Cached = class {
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
function escapeRegex(str) {
  return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path, issues) {
  return issues.map((iss) => {
    var _a2;
    (_a2 = iss).path ?? (_a2.path = []);
    iss.path.unshift(path);
    return iss;
  });
}
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
function attachSchema(issues, start, inst) {
  var _a2;
  for (let i = start; i < issues.length; i++) {
    (_a2 = issues[i]).schema ?? (_a2.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a2;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a2 = iss).schema ?? (_a2.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}

// node_modules/zod/v4/core/core.js
var _a;
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
var $ZodAsyncError = class extends Error {
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = (inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = () => this.message;
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
};
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});

// node_modules/zod/v4/core/parse.js
var _parse = (_Err) => {
  const fn = (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parse = /* @__PURE__ */ _parse($ZodRealError);
var _parseAsync = (_Err) => {
  const fn = async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
var _safeParse = (_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
function failure(Err, issues, ctx) {
  let error;
  return {
    success: false,
    get error() {
      if (!error) {
        error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error;
    },
    set error(e) {
      error = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);

// node_modules/zod/v4/core/regexes.js
var anyString = /^[\s\S]{0,}$/;
var number = /^-?\d+(?:\.\d+)?$/;
var boolean = /^(?:true|false)$/i;

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a2;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a2 = inst._zod).deferred ?? (_a2.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks = (payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    };
    const handleCanaryResult = (canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    };
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks(result2, checks, ctx));
      }
      return runChecks(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = number;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Number(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
      return payload;
    }
    const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
    payload.issues.push({
      expected: "number",
      code: "invalid_type",
      input,
      inst,
      ...received ? { received } : {}
    });
    return payload;
  };
});
var $ZodBoolean = /* @__PURE__ */ $constructor("$ZodBoolean", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = boolean;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Boolean(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "boolean")
      return payload;
    payload.issues.push({
      expected: "boolean",
      code: "invalid_type",
      input,
      inst
    });
    return payload;
  };
});
var $ZodUnknown = /* @__PURE__ */ $constructor("$ZodUnknown", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload) => payload;
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n = size(payload.value);
    if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
var arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = () => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    };
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject3 = isObject;
  const catchall = def.catchall;
  let value;
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject3(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
function handleUnionResults(results, final, inst, ctx) {
  for (const result of results) {
    if (result.issues.length === 0) {
      final.value = result.value;
      return final;
    }
  }
  const nonaborted = results.filter((r) => !aborted(r));
  if (nonaborted.length === 1) {
    final.value = nonaborted[0].value;
    return nonaborted[0];
  }
  final.issues.push({
    code: "invalid_union",
    input: final.value,
    inst,
    errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
  });
  return final;
}
var $ZodUnion = /* @__PURE__ */ $constructor("$ZodUnion", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
  defineLazyInternal(inst, "values", (zod) => {
    if (zod.def.options.every((o) => o._zod.values)) {
      return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
    }
    return void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    if (zod.def.options.every((o) => o._zod.pattern)) {
      const patterns = zod.def.options.map((o) => o._zod.pattern);
      return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
    }
    return void 0;
  });
  const first = def.options.length === 1 ? def.options[0]._zod.run : null;
  inst._zod.parse = (payload, ctx) => {
    if (first) {
      return first(payload, ctx);
    }
    let async = false;
    const results = [];
    for (const option of def.options) {
      const result = option._zod.run({
        value: payload.value,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        results.push(result);
        async = true;
      } else {
        if (result.issues.length === 0)
          return result;
        results.push(result);
      }
    }
    if (!async)
      return handleUnionResults(results, payload, inst, ctx);
    return Promise.all(results).then((results2) => {
      return handleUnionResults(results2, payload, inst, ctx);
    });
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNullable = /* @__PURE__ */ $constructor("$ZodNullable", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
  });
  defineLazyInternal(inst, "values", (zod) => {
    return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === null)
      return payload;
    return def.innerType._zod.run(payload, ctx);
  };
});

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
  return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
  return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
  return new Class({
    type: "boolean",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
  return new Class({
    type: "unknown"
  });
}

// node_modules/zod/v4/mini/schemas.js
var ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
  if (!inst._zod)
    throw new Error("Uninitialized schema in ZodMiniType.");
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
}, {
  // `with` is an alias for `check`: the same function object, not a wrapper.
  get with() {
    return this.check;
  },
  set with(value) {
    own(this, "with", value);
  },
  parse(data, params) {
    return parse(this, data, params, { callee: this.parse });
  },
  parseAsync(data, params) {
    return parseAsync(this, data, params, { callee: this.parseAsync });
  },
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  check(...checks) {
    const def = this.def;
    return this.clone({
      ...def,
      checks: [
        ...def.checks ?? [],
        ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }, { parent: true });
  },
  clone(_def, params) {
    return clone(this, _def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta2) {
    reg.add(this, meta2);
    return this;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  }
});
var ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
  $ZodString.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
var ZodMiniNumber = /* @__PURE__ */ $constructor("ZodMiniNumber", (inst, def) => {
  $ZodNumber.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function number2(params) {
  return _number(ZodMiniNumber, params);
}
var ZodMiniBoolean = /* @__PURE__ */ $constructor("ZodMiniBoolean", (inst, def) => {
  $ZodBoolean.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function boolean2(params) {
  return _boolean(ZodMiniBoolean, params);
}
var ZodMiniUnknown = /* @__PURE__ */ $constructor("ZodMiniUnknown", (inst, def) => {
  $ZodUnknown.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function unknown() {
  return _unknown(ZodMiniUnknown);
}
var ZodMiniArray = /* @__PURE__ */ $constructor("ZodMiniArray", (inst, def) => {
  $ZodArray.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
  return new ZodMiniArray({
    type: "array",
    element,
    ...normalizeParams(params)
  });
}
var ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
  $ZodObject.init(inst, def);
  ZodMiniType.init(inst, def);
  installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function looseObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ unknown(),
    ...normalizeParams(params)
  });
}
var ZodMiniUnion = /* @__PURE__ */ $constructor("ZodMiniUnion", (inst, def) => {
  $ZodUnion.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options, params) {
  return new ZodMiniUnion({
    type: "union",
    options,
    ...normalizeParams(params)
  });
}
var ZodMiniLiteral = /* @__PURE__ */ $constructor("ZodMiniLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
  return new ZodMiniLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...normalizeParams(params)
  });
}
var ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
var ZodMiniNullable = /* @__PURE__ */ $constructor("ZodMiniNullable", (inst, def) => {
  $ZodNullable.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
  return new ZodMiniNullable({
    type: "nullable",
    innerType
  });
}

// dist/chunk-6GITEFH4.js
var DEFAULT_BASE_URL = "https://ricloud-api.reincubate.com";
var REQUEST_ID_HEADER = "x-request-id";
var AWAIT_HEADER = "ricloud-await";
var MAX_AWAIT_SECONDS = 10;
var REDACTED = "[redacted]";
var MAX_ERROR_BODY = 64 * 1024;
var SECRET_FIELD = /("secret"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
var SIGNATURE_VALUE = /(\bs=)[A-Za-z0-9+/=_-]+/g;
function redactText(text) {
  const cut = text.length > MAX_ERROR_BODY ? `${text.slice(0, MAX_ERROR_BODY)}\u2026` : text;
  return cut.replace(SECRET_FIELD, `$1"${REDACTED}"`).replace(SIGNATURE_VALUE, `$1${REDACTED}`);
}
var SECRET_HEADERS = /* @__PURE__ */ new Set(["authorization", "ricloud-signature", "cookie", "set-cookie"]);
function redactHeaders(headers) {
  const out = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
  });
  return out;
}
var inspectSymbol = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
function openEnum(_known) {
  return string2();
}
var datetime2 = string2();
var maybe = (schema) => optional(nullable(schema));
function parseBody(schema, text, context) {
  const fail = (field2, why) => new ResponseValidationError(`${context.what}: ${why} (HTTP ${context.status})`, {
    status: context.status,
    request: context.request,
    field: field2,
    body: redactText(text),
    mayHaveSucceeded: context.mayHaveSucceeded ?? false
  });
  if (text.trim() === "") throw fail("", "the response body is empty");
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail("", "the response body is not JSON");
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue2 = result.error.issues[0];
  const field = issue2?.path.join(".") ?? "";
  throw fail(field, `field \`${field || "(root)"}\` ${issue2?.message ?? "is invalid"}`);
}
var WEBHOOK_CONFIG_STATES = ["new", "valid", "invalid", "deactivated"];
var WEBHOOK_CONFIG_UPDATE_STATES = ["new", "deactivated"];
var TASK_STATES = ["pending", "processing", "suspended", "succeeded", "failed"];
var TASK_FINAL_STATES = ["succeeded", "failed"];
var EVENT_STATES = ["pending", "delivered", "failed"];
var id = union([string2(), number2()]);
var webhookConfigSchema = looseObject({
  id: string2(),
  resource: literal("webhook_config"),
  organisation: id,
  url: string2(),
  /** Sent by `create`; later answers may leave it out. */
  secret: maybe(string2()),
  state: openEnum(),
  date_created: datetime2
});
var nestedList = looseObject({ data: array(unknown()), has_more: optional(boolean2()), total_count: optional(number2()) });
var taskSchema = looseObject({
  id: string2(),
  resource: literal("task"),
  organisation: maybe(id),
  key: maybe(id),
  user: maybe(id),
  source: maybe(id),
  session: maybe(id),
  poll: maybe(id),
  source_type: maybe(string2()),
  type: string2(),
  target: maybe(string2()),
  state: openEnum(),
  results: maybe(union([nestedList, array(unknown())])),
  error: maybe(string2()),
  date_created: datetime2,
  date_started: maybe(datetime2),
  date_completed: maybe(datetime2)
});
var eventSchema = looseObject({
  id: string2(),
  resource: literal("event"),
  organisation: maybe(id),
  type: string2(),
  action: string2(),
  data: unknown(),
  state: openEnum(),
  retries: maybe(number2()),
  date_created: datetime2,
  date_delivered: maybe(datetime2)
});
var listSchema = (item) => looseObject({
  resource: optional(literal("list")),
  data: array(item),
  has_more: boolean2(),
  total_count: optional(number2()),
  url: optional(string2())
});

// node_modules/ky/distribution/errors/HTTPError.js
var HTTPError = class extends Error {
  response;
  request;
  options;
  constructor(response, request, options) {
    const code = response.status || response.status === 0 ? response.status : "";
    const title = response.statusText ?? "";
    const status = `${code} ${title}`.trim();
    const reason = status ? `status code ${status}` : "an unknown error";
    super(`Request failed with ${reason}: ${request.method} ${request.url}`);
    this.name = "HTTPError";
    this.response = response;
    this.request = request;
    this.options = options;
  }
};

// node_modules/ky/distribution/errors/NonError.js
var NonError = class extends Error {
  name = "NonError";
  value;
  constructor(value) {
    let message = "Non-error value was thrown";
    try {
      if (typeof value === "string") {
        message = value;
      } else if (value && typeof value === "object" && "message" in value && typeof value.message === "string") {
        message = value.message;
      }
    } catch {
    }
    super(message);
    this.value = value;
  }
};

// node_modules/ky/distribution/errors/ForceRetryError.js
var ForceRetryError = class extends Error {
  name = "ForceRetryError";
  customDelay;
  code;
  customRequest;
  constructor(options) {
    const cause = options?.cause ? options.cause instanceof Error ? options.cause : new NonError(options.cause) : void 0;
    super(options?.code ? `Forced retry: ${options.code}` : "Forced retry", cause ? { cause } : void 0);
    this.customDelay = options?.delay;
    this.code = options?.code;
    this.customRequest = options?.request;
  }
};

// node_modules/ky/distribution/core/constants.js
var supportsRequestStreams = (() => {
  let duplexAccessed = false;
  let hasContentType = false;
  const supportsReadableStream = typeof globalThis.ReadableStream === "function";
  const supportsRequest = typeof globalThis.Request === "function";
  if (supportsReadableStream && supportsRequest) {
    try {
      hasContentType = new globalThis.Request("https://empty.invalid", {
        body: new globalThis.ReadableStream(),
        method: "POST",
        // @ts-expect-error - Types are outdated.
        get duplex() {
          duplexAccessed = true;
          return "half";
        }
      }).headers.has("Content-Type");
    } catch (error) {
      if (error instanceof Error && error.message === "unsupported BodyInit type") {
        return false;
      }
      throw error;
    }
  }
  return duplexAccessed && !hasContentType;
})();
var supportsAbortController = typeof globalThis.AbortController === "function";
var supportsAbortSignal = typeof globalThis.AbortSignal === "function" && typeof globalThis.AbortSignal.any === "function";
var supportsResponseStreams = typeof globalThis.ReadableStream === "function";
var supportsFormData = typeof globalThis.FormData === "function";
var requestMethods = ["get", "post", "put", "patch", "head", "delete"];
var validate2 = () => void 0;
validate2();
var responseTypes = {
  json: "application/json",
  text: "text/*",
  formData: "multipart/form-data",
  arrayBuffer: "*/*",
  blob: "*/*",
  // Supported in modern Fetch implementations (for example, browsers and recent Node.js/undici).
  // We still feature-check at runtime before exposing the shortcut.
  bytes: "*/*"
};
var maxSafeTimeout = 2147483647;
var usualFormBoundarySize = new TextEncoder().encode("------WebKitFormBoundaryaxpyiPgbbPti10Rw").length;
var stop = /* @__PURE__ */ Symbol("stop");
var RetryMarker = class {
  options;
  constructor(options) {
    this.options = options;
  }
};
var retry = (options) => new RetryMarker(options);
var kyOptionKeys = {
  json: true,
  parseJson: true,
  stringifyJson: true,
  searchParams: true,
  prefixUrl: true,
  retry: true,
  timeout: true,
  hooks: true,
  throwHttpErrors: true,
  onDownloadProgress: true,
  onUploadProgress: true,
  fetch: true,
  context: true
};
var vendorSpecificOptions = {
  next: true
  // Next.js cache revalidation (revalidate, tags)
};
var requestOptionsRegistry = {
  method: true,
  headers: true,
  body: true,
  mode: true,
  credentials: true,
  cache: true,
  redirect: true,
  referrer: true,
  referrerPolicy: true,
  integrity: true,
  keepalive: true,
  signal: true,
  window: true,
  duplex: true
};

// node_modules/ky/distribution/utils/body.js
var getBodySize = (body) => {
  if (!body) {
    return 0;
  }
  if (body instanceof FormData) {
    let size = 0;
    for (const [key, value] of body) {
      size += usualFormBoundarySize;
      size += new TextEncoder().encode(`Content-Disposition: form-data; name="${key}"`).length;
      size += typeof value === "string" ? new TextEncoder().encode(value).length : value.size;
    }
    return size;
  }
  if (body instanceof Blob) {
    return body.size;
  }
  if (body instanceof ArrayBuffer) {
    return body.byteLength;
  }
  if (typeof body === "string") {
    return new TextEncoder().encode(body).length;
  }
  if (body instanceof URLSearchParams) {
    return new TextEncoder().encode(body.toString()).length;
  }
  if ("byteLength" in body) {
    return body.byteLength;
  }
  if (typeof body === "object" && body !== null) {
    try {
      const jsonString = JSON.stringify(body);
      return new TextEncoder().encode(jsonString).length;
    } catch {
      return 0;
    }
  }
  return 0;
};
var withProgress = (stream, totalBytes, onProgress) => {
  let previousChunk;
  let transferredBytes = 0;
  return stream.pipeThrough(new TransformStream({
    transform(currentChunk, controller) {
      controller.enqueue(currentChunk);
      if (previousChunk) {
        transferredBytes += previousChunk.byteLength;
        let percent = totalBytes === 0 ? 0 : transferredBytes / totalBytes;
        if (percent >= 1) {
          percent = 1 - Number.EPSILON;
        }
        onProgress?.({ percent, totalBytes: Math.max(totalBytes, transferredBytes), transferredBytes }, previousChunk);
      }
      previousChunk = currentChunk;
    },
    flush() {
      if (previousChunk) {
        transferredBytes += previousChunk.byteLength;
        onProgress?.({ percent: 1, totalBytes: Math.max(totalBytes, transferredBytes), transferredBytes }, previousChunk);
      }
    }
  }));
};
var streamResponse = (response, onDownloadProgress) => {
  if (!response.body) {
    return response;
  }
  if (response.status === 204) {
    return new Response(null, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers
    });
  }
  const totalBytes = Math.max(0, Number(response.headers.get("content-length")) || 0);
  return new Response(withProgress(response.body, totalBytes, onDownloadProgress), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers
  });
};
var streamRequest = (request, onUploadProgress, originalBody) => {
  if (!request.body) {
    return request;
  }
  const totalBytes = getBodySize(originalBody ?? request.body);
  return new Request(request, {
    // @ts-expect-error - Types are outdated.
    duplex: "half",
    body: withProgress(request.body, totalBytes, onUploadProgress)
  });
};

// node_modules/ky/distribution/utils/is.js
var isObject2 = (value) => value !== null && typeof value === "object";

// node_modules/ky/distribution/utils/merge.js
var validateAndMerge = (...sources) => {
  for (const source of sources) {
    if ((!isObject2(source) || Array.isArray(source)) && source !== void 0) {
      throw new TypeError("The `options` argument must be an object");
    }
  }
  return deepMerge({}, ...sources);
};
var mergeHeaders = (source1 = {}, source2 = {}) => {
  const result = new globalThis.Headers(source1);
  const isHeadersInstance = source2 instanceof globalThis.Headers;
  const source = new globalThis.Headers(source2);
  for (const [key, value] of source.entries()) {
    if (isHeadersInstance && value === "undefined" || value === void 0) {
      result.delete(key);
    } else {
      result.set(key, value);
    }
  }
  return result;
};
function newHookValue(original, incoming, property) {
  return Object.hasOwn(incoming, property) && incoming[property] === void 0 ? [] : deepMerge(original[property] ?? [], incoming[property] ?? []);
}
var mergeHooks = (original = {}, incoming = {}) => ({
  beforeRequest: newHookValue(original, incoming, "beforeRequest"),
  beforeRetry: newHookValue(original, incoming, "beforeRetry"),
  afterResponse: newHookValue(original, incoming, "afterResponse"),
  beforeError: newHookValue(original, incoming, "beforeError")
});
var appendSearchParameters = (target, source) => {
  const result = new URLSearchParams();
  for (const input of [target, source]) {
    if (input === void 0) {
      continue;
    }
    if (input instanceof URLSearchParams) {
      for (const [key, value] of input.entries()) {
        result.append(key, value);
      }
    } else if (Array.isArray(input)) {
      for (const pair of input) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new TypeError("Array search parameters must be provided in [[key, value], ...] format");
        }
        result.append(String(pair[0]), String(pair[1]));
      }
    } else if (isObject2(input)) {
      for (const [key, value] of Object.entries(input)) {
        if (value !== void 0) {
          result.append(key, String(value));
        }
      }
    } else {
      const parameters = new URLSearchParams(input);
      for (const [key, value] of parameters.entries()) {
        result.append(key, value);
      }
    }
  }
  return result;
};
var deepMerge = (...sources) => {
  let returnValue = {};
  let headers = {};
  let hooks = {};
  let searchParameters;
  const signals = [];
  for (const source of sources) {
    if (Array.isArray(source)) {
      if (!Array.isArray(returnValue)) {
        returnValue = [];
      }
      returnValue = [...returnValue, ...source];
    } else if (isObject2(source)) {
      for (let [key, value] of Object.entries(source)) {
        if (key === "signal" && value instanceof globalThis.AbortSignal) {
          signals.push(value);
          continue;
        }
        if (key === "context") {
          if (value !== void 0 && value !== null && (!isObject2(value) || Array.isArray(value))) {
            throw new TypeError("The `context` option must be an object");
          }
          returnValue = {
            ...returnValue,
            context: value === void 0 || value === null ? {} : { ...returnValue.context, ...value }
          };
          continue;
        }
        if (key === "searchParams") {
          if (value === void 0 || value === null) {
            searchParameters = void 0;
          } else {
            searchParameters = searchParameters === void 0 ? value : appendSearchParameters(searchParameters, value);
          }
          continue;
        }
        if (isObject2(value) && key in returnValue) {
          value = deepMerge(returnValue[key], value);
        }
        returnValue = { ...returnValue, [key]: value };
      }
      if (isObject2(source.hooks)) {
        hooks = mergeHooks(hooks, source.hooks);
        returnValue.hooks = hooks;
      }
      if (isObject2(source.headers)) {
        headers = mergeHeaders(headers, source.headers);
        returnValue.headers = headers;
      }
    }
  }
  if (searchParameters !== void 0) {
    returnValue.searchParams = searchParameters;
  }
  if (signals.length > 0) {
    if (signals.length === 1) {
      returnValue.signal = signals[0];
    } else if (supportsAbortSignal) {
      returnValue.signal = AbortSignal.any(signals);
    } else {
      returnValue.signal = signals.at(-1);
    }
  }
  return returnValue;
};

// node_modules/ky/distribution/utils/normalize.js
var normalizeRequestMethod = (input) => requestMethods.includes(input) ? input.toUpperCase() : input;
var retryMethods = ["get", "put", "head", "delete", "options", "trace"];
var retryStatusCodes = [408, 413, 429, 500, 502, 503, 504];
var retryAfterStatusCodes = [413, 429, 503];
var defaultRetryOptions = {
  limit: 2,
  methods: retryMethods,
  statusCodes: retryStatusCodes,
  afterStatusCodes: retryAfterStatusCodes,
  maxRetryAfter: Number.POSITIVE_INFINITY,
  backoffLimit: Number.POSITIVE_INFINITY,
  delay: (attemptCount) => 0.3 * 2 ** (attemptCount - 1) * 1e3,
  jitter: void 0,
  retryOnTimeout: false
};
var normalizeRetryOptions = (retry2 = {}) => {
  if (typeof retry2 === "number") {
    return {
      ...defaultRetryOptions,
      limit: retry2
    };
  }
  if (retry2.methods && !Array.isArray(retry2.methods)) {
    throw new Error("retry.methods must be an array");
  }
  retry2.methods &&= retry2.methods.map((method) => method.toLowerCase());
  if (retry2.statusCodes && !Array.isArray(retry2.statusCodes)) {
    throw new Error("retry.statusCodes must be an array");
  }
  const normalizedRetry = Object.fromEntries(Object.entries(retry2).filter(([, value]) => value !== void 0));
  return {
    ...defaultRetryOptions,
    ...normalizedRetry
  };
};

// node_modules/ky/distribution/errors/TimeoutError.js
var TimeoutError2 = class extends Error {
  request;
  constructor(request) {
    super(`Request timed out: ${request.method} ${request.url}`);
    this.name = "TimeoutError";
    this.request = request;
  }
};

// node_modules/ky/distribution/utils/timeout.js
async function timeout(request, init, abortController, options) {
  return new Promise((resolve, reject) => {
    const timeoutId = setTimeout(() => {
      if (abortController) {
        abortController.abort();
      }
      reject(new TimeoutError2(request));
    }, options.timeout);
    void options.fetch(request, init).then(resolve).catch(reject).then(() => {
      clearTimeout(timeoutId);
    });
  });
}

// node_modules/ky/distribution/utils/delay.js
async function delay(ms, { signal }) {
  return new Promise((resolve, reject) => {
    if (signal) {
      signal.throwIfAborted();
      signal.addEventListener("abort", abortHandler, { once: true });
    }
    function abortHandler() {
      clearTimeout(timeoutId);
      reject(signal.reason);
    }
    const timeoutId = setTimeout(() => {
      signal?.removeEventListener("abort", abortHandler);
      resolve();
    }, ms);
  });
}

// node_modules/ky/distribution/utils/options.js
var findUnknownOptions = (request, options) => {
  const unknownOptions = {};
  for (const key in options) {
    if (!Object.hasOwn(options, key)) {
      continue;
    }
    if (!(key in requestOptionsRegistry) && !(key in kyOptionKeys) && (!(key in request) || key in vendorSpecificOptions)) {
      unknownOptions[key] = options[key];
    }
  }
  return unknownOptions;
};
var hasSearchParameters = (search) => {
  if (search === void 0) {
    return false;
  }
  if (Array.isArray(search)) {
    return search.length > 0;
  }
  if (search instanceof URLSearchParams) {
    return search.size > 0;
  }
  if (typeof search === "object") {
    return Object.keys(search).length > 0;
  }
  if (typeof search === "string") {
    return search.trim().length > 0;
  }
  return Boolean(search);
};

// node_modules/ky/distribution/utils/type-guards.js
function isHTTPError(error) {
  return error instanceof HTTPError || error?.name === HTTPError.name;
}
function isTimeoutError(error) {
  return error instanceof TimeoutError2 || error?.name === TimeoutError2.name;
}

// node_modules/ky/distribution/core/Ky.js
var Ky = class _Ky {
  static create(input, options) {
    const ky2 = new _Ky(input, options);
    const function_ = async () => {
      if (typeof ky2.#options.timeout === "number" && ky2.#options.timeout > maxSafeTimeout) {
        throw new RangeError(`The \`timeout\` option cannot be greater than ${maxSafeTimeout}`);
      }
      await Promise.resolve();
      let response = await ky2.#fetch();
      for (const hook of ky2.#options.hooks.afterResponse) {
        const clonedResponse = ky2.#decorateResponse(response.clone());
        let modifiedResponse;
        try {
          modifiedResponse = await hook(ky2.request, ky2.#getNormalizedOptions(), clonedResponse, { retryCount: ky2.#retryCount });
        } catch (error) {
          ky2.#cancelResponseBody(clonedResponse);
          ky2.#cancelResponseBody(response);
          throw error;
        }
        if (modifiedResponse instanceof RetryMarker) {
          ky2.#cancelResponseBody(clonedResponse);
          ky2.#cancelResponseBody(response);
          throw new ForceRetryError(modifiedResponse.options);
        }
        const nextResponse = modifiedResponse instanceof globalThis.Response ? modifiedResponse : response;
        if (clonedResponse !== nextResponse) {
          ky2.#cancelResponseBody(clonedResponse);
        }
        if (response !== nextResponse) {
          ky2.#cancelResponseBody(response);
        }
        response = nextResponse;
      }
      ky2.#decorateResponse(response);
      if (!response.ok && (typeof ky2.#options.throwHttpErrors === "function" ? ky2.#options.throwHttpErrors(response.status) : ky2.#options.throwHttpErrors)) {
        let error = new HTTPError(response, ky2.request, ky2.#getNormalizedOptions());
        for (const hook of ky2.#options.hooks.beforeError) {
          error = await hook(error, { retryCount: ky2.#retryCount });
        }
        throw error;
      }
      if (ky2.#options.onDownloadProgress) {
        if (typeof ky2.#options.onDownloadProgress !== "function") {
          throw new TypeError("The `onDownloadProgress` option must be a function");
        }
        if (!supportsResponseStreams) {
          throw new Error("Streams are not supported in your environment. `ReadableStream` is missing.");
        }
        const progressResponse = response.clone();
        ky2.#cancelResponseBody(response);
        return streamResponse(progressResponse, ky2.#options.onDownloadProgress);
      }
      return response;
    };
    const result = ky2.#retry(function_).finally(() => {
      const originalRequest = ky2.#originalRequest;
      ky2.#cancelBody(originalRequest?.body ?? void 0);
      ky2.#cancelBody(ky2.request.body ?? void 0);
    });
    for (const [type, mimeType] of Object.entries(responseTypes)) {
      if (type === "bytes" && typeof globalThis.Response?.prototype?.bytes !== "function") {
        continue;
      }
      result[type] = async () => {
        ky2.request.headers.set("accept", ky2.request.headers.get("accept") || mimeType);
        const response = await result;
        if (type === "json") {
          if (response.status === 204) {
            return "";
          }
          const text = await response.text();
          if (text === "") {
            return "";
          }
          if (options.parseJson) {
            return options.parseJson(text);
          }
          return JSON.parse(text);
        }
        return response[type]();
      };
    }
    return result;
  }
  // eslint-disable-next-line unicorn/prevent-abbreviations
  static #normalizeSearchParams(searchParams) {
    if (searchParams && typeof searchParams === "object" && !Array.isArray(searchParams) && !(searchParams instanceof URLSearchParams)) {
      return Object.fromEntries(Object.entries(searchParams).filter(([, value]) => value !== void 0));
    }
    return searchParams;
  }
  request;
  #abortController;
  #retryCount = 0;
  // eslint-disable-next-line @typescript-eslint/prefer-readonly -- False positive: #input is reassigned on line 202
  #input;
  #options;
  #originalRequest;
  #userProvidedAbortSignal;
  #cachedNormalizedOptions;
  // eslint-disable-next-line complexity
  constructor(input, options = {}) {
    this.#input = input;
    this.#options = {
      ...options,
      headers: mergeHeaders(this.#input.headers, options.headers),
      hooks: mergeHooks({
        beforeRequest: [],
        beforeRetry: [],
        beforeError: [],
        afterResponse: []
      }, options.hooks),
      method: normalizeRequestMethod(options.method ?? this.#input.method ?? "GET"),
      // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
      prefixUrl: String(options.prefixUrl || ""),
      retry: normalizeRetryOptions(options.retry),
      throwHttpErrors: options.throwHttpErrors ?? true,
      timeout: options.timeout ?? 1e4,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      context: options.context ?? {}
    };
    if (typeof this.#input !== "string" && !(this.#input instanceof URL || this.#input instanceof globalThis.Request)) {
      throw new TypeError("`input` must be a string, URL, or Request");
    }
    if (this.#options.prefixUrl && typeof this.#input === "string") {
      if (this.#input.startsWith("/")) {
        throw new Error("`input` must not begin with a slash when using `prefixUrl`");
      }
      if (!this.#options.prefixUrl.endsWith("/")) {
        this.#options.prefixUrl += "/";
      }
      this.#input = this.#options.prefixUrl + this.#input;
    }
    if (supportsAbortController && supportsAbortSignal) {
      this.#userProvidedAbortSignal = this.#options.signal ?? this.#input.signal;
      this.#abortController = new globalThis.AbortController();
      this.#options.signal = this.#userProvidedAbortSignal ? AbortSignal.any([this.#userProvidedAbortSignal, this.#abortController.signal]) : this.#abortController.signal;
    }
    if (supportsRequestStreams) {
      this.#options.duplex = "half";
    }
    if (this.#options.json !== void 0) {
      this.#options.body = this.#options.stringifyJson?.(this.#options.json) ?? JSON.stringify(this.#options.json);
      this.#options.headers.set("content-type", this.#options.headers.get("content-type") ?? "application/json");
    }
    const userProvidedContentType = options.headers && new globalThis.Headers(options.headers).has("content-type");
    if (this.#input instanceof globalThis.Request && (supportsFormData && this.#options.body instanceof globalThis.FormData || this.#options.body instanceof URLSearchParams) && !userProvidedContentType) {
      this.#options.headers.delete("content-type");
    }
    this.request = new globalThis.Request(this.#input, this.#options);
    if (hasSearchParameters(this.#options.searchParams)) {
      const textSearchParams = typeof this.#options.searchParams === "string" ? this.#options.searchParams.replace(/^\?/, "") : new URLSearchParams(_Ky.#normalizeSearchParams(this.#options.searchParams)).toString();
      const searchParams = "?" + textSearchParams;
      const url = this.request.url.replace(/(?:\?.*?)?(?=#|$)/, searchParams);
      this.request = new globalThis.Request(url, this.#options);
    }
    if (this.#options.onUploadProgress) {
      if (typeof this.#options.onUploadProgress !== "function") {
        throw new TypeError("The `onUploadProgress` option must be a function");
      }
      if (!supportsRequestStreams) {
        throw new Error("Request streams are not supported in your environment. The `duplex` option for `Request` is not available.");
      }
      this.request = this.#wrapRequestWithUploadProgress(this.request, this.#options.body ?? void 0);
    }
  }
  #calculateDelay() {
    const retryDelay = this.#options.retry.delay(this.#retryCount);
    let jitteredDelay = retryDelay;
    if (this.#options.retry.jitter === true) {
      jitteredDelay = Math.random() * retryDelay;
    } else if (typeof this.#options.retry.jitter === "function") {
      jitteredDelay = this.#options.retry.jitter(retryDelay);
      if (!Number.isFinite(jitteredDelay) || jitteredDelay < 0) {
        jitteredDelay = retryDelay;
      }
    }
    const backoffLimit = this.#options.retry.backoffLimit ?? Number.POSITIVE_INFINITY;
    return Math.min(backoffLimit, jitteredDelay);
  }
  async #calculateRetryDelay(error) {
    this.#retryCount++;
    if (this.#retryCount > this.#options.retry.limit) {
      throw error;
    }
    const errorObject = error instanceof Error ? error : new NonError(error);
    if (errorObject instanceof ForceRetryError) {
      return errorObject.customDelay ?? this.#calculateDelay();
    }
    if (!this.#options.retry.methods.includes(this.request.method.toLowerCase())) {
      throw error;
    }
    if (this.#options.retry.shouldRetry !== void 0) {
      const result = await this.#options.retry.shouldRetry({ error: errorObject, retryCount: this.#retryCount });
      if (result === false) {
        throw error;
      }
      if (result === true) {
        return this.#calculateDelay();
      }
    }
    if (isTimeoutError(error) && !this.#options.retry.retryOnTimeout) {
      throw error;
    }
    if (isHTTPError(error)) {
      if (!this.#options.retry.statusCodes.includes(error.response.status)) {
        throw error;
      }
      const retryAfter = error.response.headers.get("Retry-After") ?? error.response.headers.get("RateLimit-Reset") ?? error.response.headers.get("X-RateLimit-Retry-After") ?? error.response.headers.get("X-RateLimit-Reset") ?? error.response.headers.get("X-Rate-Limit-Reset");
      if (retryAfter && this.#options.retry.afterStatusCodes.includes(error.response.status)) {
        let after = Number(retryAfter) * 1e3;
        if (Number.isNaN(after)) {
          after = Date.parse(retryAfter) - Date.now();
        } else if (after >= Date.parse("2024-01-01")) {
          after -= Date.now();
        }
        const max = this.#options.retry.maxRetryAfter ?? after;
        return after < max ? after : max;
      }
      if (error.response.status === 413) {
        throw error;
      }
    }
    return this.#calculateDelay();
  }
  #decorateResponse(response) {
    if (this.#options.parseJson) {
      response.json = async () => this.#options.parseJson(await response.text());
    }
    return response;
  }
  #cancelBody(body) {
    if (!body) {
      return;
    }
    void body.cancel().catch(() => void 0);
  }
  #cancelResponseBody(response) {
    this.#cancelBody(response.body ?? void 0);
  }
  async #retry(function_) {
    try {
      return await function_();
    } catch (error) {
      const ms = Math.min(await this.#calculateRetryDelay(error), maxSafeTimeout);
      if (this.#retryCount < 1) {
        throw error;
      }
      await delay(ms, this.#userProvidedAbortSignal ? { signal: this.#userProvidedAbortSignal } : {});
      if (error instanceof ForceRetryError && error.customRequest) {
        const managedRequest = this.#options.signal ? new globalThis.Request(error.customRequest, { signal: this.#options.signal }) : new globalThis.Request(error.customRequest);
        this.#assignRequest(managedRequest);
      }
      for (const hook of this.#options.hooks.beforeRetry) {
        const hookResult = await hook({
          request: this.request,
          options: this.#getNormalizedOptions(),
          error,
          retryCount: this.#retryCount
        });
        if (hookResult instanceof globalThis.Request) {
          this.#assignRequest(hookResult);
          break;
        }
        if (hookResult instanceof globalThis.Response) {
          return hookResult;
        }
        if (hookResult === stop) {
          return;
        }
      }
      return this.#retry(function_);
    }
  }
  async #fetch() {
    if (this.#abortController?.signal.aborted) {
      this.#abortController = new globalThis.AbortController();
      this.#options.signal = this.#userProvidedAbortSignal ? AbortSignal.any([this.#userProvidedAbortSignal, this.#abortController.signal]) : this.#abortController.signal;
      this.request = new globalThis.Request(this.request, { signal: this.#options.signal });
    }
    for (const hook of this.#options.hooks.beforeRequest) {
      const result = await hook(this.request, this.#getNormalizedOptions(), { retryCount: this.#retryCount });
      if (result instanceof Response) {
        return result;
      }
      if (result instanceof globalThis.Request) {
        this.#assignRequest(result);
        break;
      }
    }
    const nonRequestOptions = findUnknownOptions(this.request, this.#options);
    this.#originalRequest = this.request;
    this.request = this.#originalRequest.clone();
    if (this.#options.timeout === false) {
      return this.#options.fetch(this.#originalRequest, nonRequestOptions);
    }
    return timeout(this.#originalRequest, nonRequestOptions, this.#abortController, this.#options);
  }
  #getNormalizedOptions() {
    if (!this.#cachedNormalizedOptions) {
      const { hooks, ...normalizedOptions } = this.#options;
      this.#cachedNormalizedOptions = Object.freeze(normalizedOptions);
    }
    return this.#cachedNormalizedOptions;
  }
  #assignRequest(request) {
    this.#cachedNormalizedOptions = void 0;
    this.request = this.#wrapRequestWithUploadProgress(request);
  }
  #wrapRequestWithUploadProgress(request, originalBody) {
    if (!this.#options.onUploadProgress || !request.body) {
      return request;
    }
    return streamRequest(request, this.#options.onUploadProgress, originalBody ?? this.#options.body ?? void 0);
  }
};

// node_modules/ky/distribution/index.js
var createInstance = (defaults) => {
  const ky2 = (input, options) => Ky.create(input, validateAndMerge(defaults, options));
  for (const method of requestMethods) {
    ky2[method] = (input, options) => Ky.create(input, validateAndMerge(defaults, options, { method }));
  }
  ky2.create = (newDefaults) => createInstance(validateAndMerge(newDefaults));
  ky2.extend = (newDefaults) => {
    if (typeof newDefaults === "function") {
      newDefaults = newDefaults(defaults ?? {});
    }
    return createInstance(validateAndMerge(defaults, newDefaults));
  };
  ky2.stop = stop;
  ky2.retry = retry;
  return ky2;
};
var ky = createInstance();
var distribution_default = ky;

// dist/index.js
var LOG_LEVELS = ["off", "error", "warn", "info", "debug"];
function levelled(logger, level) {
  const max = LOG_LEVELS.indexOf(level);
  return (at, message) => {
    if (LOG_LEVELS.indexOf(at) <= max) logger[at](`[ricloud] ${message}`);
  };
}
function envLogLevel(value) {
  return LOG_LEVELS.includes(value ?? "") ? value : void 0;
}
var MAX_ID_LENGTH = 256;
function encodeId(id2, field = "id") {
  if (typeof id2 !== "string" && typeof id2 !== "number") throw new InvalidInputError(field, `must be a string, got ${describe2(id2)}`);
  const text = String(id2);
  if (text.trim() === "") throw new InvalidInputError(field, "must not be empty");
  if (text.length > MAX_ID_LENGTH) throw new InvalidInputError(field, `is ${text.length} characters long; ids are at most ${MAX_ID_LENGTH}`);
  if (text.includes("/") || text.includes("\\")) throw new InvalidInputError(field, 'must not contain "/"');
  if (text === "." || text === "..") throw new InvalidInputError(field, `must not be "${text}"`);
  return encodeURIComponent(text);
}
function checkUrl(value, field = "url") {
  if (typeof value !== "string") throw new InvalidInputError(field, `must be a string, got ${describe2(value)}`);
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(field, "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidInputError(field, `must use http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username || url.password) throw new InvalidInputError(field, "must not contain credentials (user:password@)");
  return value;
}
var RANGE_KEYS = ["gt", "gte", "lt", "lte"];
function isoInstant(value, field) {
  const date2 = value instanceof Date ? value : typeof value === "string" ? new Date(value) : void 0;
  if (!date2 || Number.isNaN(date2.getTime())) throw new InvalidInputError(field, "must be a valid Date or ISO 8601 string");
  return date2.toISOString();
}
function encodeDateFilter(name, filter, query) {
  if (filter instanceof Date || typeof filter === "string") {
    query[name] = isoInstant(filter, name);
    return;
  }
  if (typeof filter !== "object" || filter === null) throw new InvalidInputError(name, `must be a Date, an ISO string or a range, got ${describe2(filter)}`);
  const entries = Object.entries(filter).filter(([, value]) => value !== void 0);
  if (entries.length === 0) throw new InvalidInputError(name, "a range needs at least one of gt, gte, lt, lte");
  for (const [op, value] of entries) {
    if (!RANGE_KEYS.includes(op)) throw new InvalidInputError(`${name}.${op}`, "is not a range operator (gt, gte, lt, lte)");
    query[`${name}__${op}`] = isoInstant(value, `${name}.${op}`);
  }
}
var MAX_PAGE_SIZE = 1e3;
function checkLimit(value, field = "limit") {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new InvalidInputError(field, `must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${describe2(value)}`);
  }
  return value;
}
function checkKeys(params, allowed, what) {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw new InvalidInputError(key, `is not a ${what} parameter (expected one of ${allowed.join(", ")})`);
  }
}
function checkObject(value, field) {
  if (value === void 0) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError(field, `must be an object, got ${describe2(value)}`);
  }
  return value;
}
function describe2(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value instanceof Date) return "a Date";
  return typeof value === "string" ? `a string of ${value.length} characters` : typeof value;
}
function listQuery(params, filters) {
  const p = checkObject(params, "params");
  const cursors = ["limit", "after_id", "before_id"];
  checkKeys(p, [...filters.strings, ...filters.dates, ...cursors], "list");
  const query = {};
  for (const [key, value] of Object.entries(p)) {
    if (value === void 0) continue;
    if (key === "limit") query.limit = String(checkLimit(value));
    else if (filters.dates.includes(key)) encodeDateFilter(key, value, query);
    else if (key === "after_id" || key === "before_id") query[key] = decodeURIComponent(encodeId(value, key));
    else if (typeof value !== "string" || value === "") throw new InvalidInputError(key, `must be a non-empty string, got ${describe2(value)}`);
    else query[key] = value;
  }
  return query;
}
var BACKOFF_BASE_MS = 500;
var BACKOFF_CAP_MS = 8e3;
var MAX_RETRY_AFTER_MS = 6e4;
var RETRY_STATUSES = /* @__PURE__ */ new Set([408, 429, 500, 502, 503, 504]);
var NOT_SENT_CODES = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
function networkCode(error) {
  for (let e = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    const code = e.code;
    if (typeof code === "string") return code;
  }
  return void 0;
}
function failedBeforeSending(error) {
  const code = networkCode(error);
  return code !== void 0 && NOT_SENT_CODES.has(code);
}
function retryAfterMs(headers) {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return void 0;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1e3 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? void 0 : Math.max(0, ms);
}
function isRetryable(error, mode) {
  if (error instanceof HTTPError) {
    const status = error.response.status;
    return mode === "idempotent" ? RETRY_STATUSES.has(status) : status === 429;
  }
  if (error instanceof TimeoutError2) return mode === "idempotent";
  return mode === "idempotent" || failedBeforeSending(error);
}
function backoffMs(retry2, random = Math.random) {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry2 - 1)));
}
var AWAIT_MARGIN_MS = 5e3;
var MAX_TIMER_MS = 2147483647;
function createTransport(settings) {
  const instance = distribution_default.create({
    prefixUrl: settings.baseUrl,
    headers: { ...settings.headers, authorization: `Token ${settings.token}`, accept: "application/json" },
    redirect: "manual",
    throwHttpErrors: true,
    ...settings.fetch ? { fetch: settings.fetch } : {}
  });
  const { onRequest, onResponse, onRetry } = settings;
  return {
    ky: instance,
    timeout: settings.timeout,
    deadline: settings.deadline,
    maxRetries: settings.maxRetries,
    hooks: { onRequest, onResponse, onRetry },
    log: levelled(settings.logger, settings.logLevel),
    validate: settings.validate
  };
}
function checkRequestOptions(options, field = "options") {
  if (options === void 0) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidInputError(field, `must be an object, got ${describe2(options)}`);
  }
  const o = options;
  for (const key of ["timeout", "deadline"]) {
    const v = o[key];
    if (v !== void 0 && (typeof v !== "number" || !(v > 0) || v > MAX_TIMER_MS)) {
      throw new InvalidInputError(`${field}.${key}`, `must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${describe2(v)}`);
    }
  }
  if (o.maxRetries !== void 0 && (typeof o.maxRetries !== "number" || !Number.isInteger(o.maxRetries) || o.maxRetries < 0 || o.maxRetries > 10)) {
    throw new InvalidInputError(`${field}.maxRetries`, `must be a whole number from 0 to 10, got ${describe2(o.maxRetries)}`);
  }
  if (o.awaitFor !== void 0 && (typeof o.awaitFor !== "number" || !(o.awaitFor >= 0) || o.awaitFor > MAX_AWAIT_SECONDS)) {
    throw new InvalidInputError(`${field}.awaitFor`, `must be a number of seconds from 0 to ${MAX_AWAIT_SECONDS}, got ${describe2(o.awaitFor)}`);
  }
  if (o.signal !== void 0 && !(o.signal instanceof AbortSignal)) {
    throw new InvalidInputError(`${field}.signal`, `must be an AbortSignal, got ${describe2(o.signal)}`);
  }
  if (o.headers !== void 0 && (typeof o.headers !== "object" || o.headers === null || Array.isArray(o.headers))) {
    throw new InvalidInputError(`${field}.headers`, `must be an object of header names to values, got ${describe2(o.headers)}`);
  }
  for (const hook of ["onRequest", "onResponse", "onRetry"]) {
    if (o[hook] !== void 0 && typeof o[hook] !== "function") throw new InvalidInputError(`${field}.${hook}`, `must be a function, got ${describe2(o[hook])}`);
  }
  return o;
}
function runHook(transport, options, name, event) {
  for (const hook of [transport.hooks[name], options[name]]) {
    if (!hook) continue;
    try {
      hook(event);
    } catch (error) {
      transport.log("warn", `${name} hook threw: ${error instanceof Error ? error.name : typeof error}`);
    }
  }
}
async function send(transport, spec, options = {}) {
  const timeout2 = options.timeout ?? transport.timeout;
  const deadline = options.deadline ?? transport.deadline ?? 3 * timeout2;
  const maxRetries = options.maxRetries ?? transport.maxRetries;
  const info = { method: spec.method, path: spec.path, attempts: 0 };
  if (options.signal?.aborted) throw new AbortError(`${spec.what}: aborted before sending`, { cause: options.signal.reason, request: info });
  const deadlineSignal = AbortSignal.timeout(Math.min(deadline, MAX_TIMER_MS));
  const signal = options.signal ? AbortSignal.any([options.signal, deadlineSignal]) : deadlineSignal;
  const started = Date.now();
  let attemptStarted = started;
  let nextDelay = 0;
  const awaitHeader = options.awaitFor === void 0 ? void 0 : { [AWAIT_HEADER]: String(options.awaitFor) };
  const attemptTimeout = awaitHeader ? Math.max(timeout2, (options.awaitFor ?? 0) * 1e3 + AWAIT_MARGIN_MS) : timeout2;
  try {
    const response = await transport.ky(spec.path.slice(1), {
      method: spec.method,
      ...spec.body === void 0 ? {} : { json: spec.body },
      ...spec.query ? { searchParams: spec.query } : {},
      ...options.headers || awaitHeader ? { headers: { ...options.headers, ...awaitHeader } } : {},
      signal,
      timeout: Math.min(attemptTimeout, deadline),
      retry: {
        limit: maxRetries,
        methods: ["get", "post"],
        delay: () => nextDelay,
        shouldRetry: ({ error, retryCount }) => {
          if (signal.aborted || !isRetryable(error, spec.retry)) return false;
          const advised = error instanceof HTTPError ? retryAfterMs(error.response.headers) : void 0;
          if (advised !== void 0 && advised > MAX_RETRY_AFTER_MS) return false;
          const delay2 = advised ?? backoffMs(retryCount);
          if (Date.now() - started + delay2 >= deadline) return false;
          if (error instanceof HTTPError) void error.response.body?.cancel().catch(() => void 0);
          nextDelay = delay2;
          const mapped = mapFailure(error, "", spec, info, options, deadlineSignal, deadline, timeout2);
          transport.log("warn", `${spec.method} ${spec.path}: ${mapped.name} on attempt ${retryCount}, retrying in ${delay2} ms`);
          runHook(transport, options, "onRetry", { attempt: retryCount, delayMs: delay2, error: mapped });
          return true;
        }
      },
      hooks: {
        beforeRequest: [
          (request) => {
            info.attempts++;
            attemptStarted = Date.now();
            transport.log("debug", `\u2192 ${spec.method} ${spec.path} (attempt ${info.attempts})`);
            runHook(transport, options, "onRequest", { method: spec.method, url: request.url, attempt: info.attempts });
          }
        ],
        afterResponse: [
          (request, _options, response2) => {
            const durationMs = Date.now() - attemptStarted;
            info.requestId = response2.headers.get(REQUEST_ID_HEADER) ?? void 0;
            transport.log("debug", `\u2190 ${response2.status} ${spec.method} ${spec.path} in ${durationMs} ms`);
            runHook(transport, options, "onResponse", {
              method: spec.method,
              url: request.url,
              attempt: info.attempts,
              status: response2.status,
              durationMs,
              requestId: info.requestId
            });
          }
        ]
      }
    });
    const text = await response.text();
    const context = { status: response.status, request: info, what: spec.what, mayHaveSucceeded: spec.retry === "once" };
    const data = transport.validate ? parseBody(spec.schema, text, context) : parseBody(anything, text, context);
    return { data, response: { status: response.status, headers: redactHeaders(response.headers), requestId: info.requestId } };
  } catch (error) {
    if (error instanceof RicloudError) throw error;
    const body = error instanceof HTTPError ? await readText(error.response) : "";
    const mapped = mapFailure(error, body, spec, info, options, deadlineSignal, deadline, timeout2);
    transport.log("debug", `${spec.method} ${spec.path} failed: ${mapped.message}`);
    throw mapped;
  }
}
var anything = { safeParse: (data) => ({ success: true, data }) };
async function readText(response) {
  try {
    return await response.text();
  } catch {
    return "";
  }
}
function mapFailure(error, body, spec, info, options, deadlineSignal, deadline, timeout2) {
  const once = spec.retry === "once";
  const request = { ...info };
  if (options.signal?.aborted) return new AbortError(`${spec.what}: aborted`, { cause: options.signal.reason, request, mayHaveSucceeded: once && info.attempts > 0 });
  if (deadlineSignal.aborted) {
    return new TimeoutError(`${spec.what}: no answer within the deadline of ${deadline} ms (${info.attempts} attempts)`, { request, mayHaveSucceeded: once });
  }
  if (error instanceof HTTPError) return httpError(error.response.status, error.response.headers, body, spec, request);
  if (error instanceof TimeoutError2) {
    return new TimeoutError(`${spec.what}: attempt ${info.attempts} got no answer within ${timeout2} ms`, { request, mayHaveSucceeded: once });
  }
  const notSent = failedBeforeSending(error);
  const code = networkCode(error);
  const cause = error?.cause ?? error;
  return new ConnectionError(`${spec.what}: connection failed${code ? ` (${code})` : ""}${once && !notSent ? "; the request may have been applied" : ""}`, {
    cause,
    request,
    mayHaveSucceeded: once && !notSent
  });
}
function httpError(status, headers, text, spec, request) {
  let parsed = {};
  try {
    const json = JSON.parse(text);
    if (json && typeof json === "object") parsed = json;
  } catch {
  }
  const code = typeof parsed.error === "string" ? parsed.error : "";
  const advised = retryAfterMs(headers);
  const init = {
    status,
    request,
    body: redactText(text),
    retryAfter: advised === void 0 ? void 0 : Math.ceil(advised / 1e3),
    mayHaveSucceeded: spec.retry === "once" && status >= 500
  };
  if (status < 400) {
    return new ResponseValidationError(`${spec.what}: the server answered with a redirect (${status}); the SDK does not follow redirects`, {
      ...init,
      field: ""
    });
  }
  const tag = `(${status}${code ? ` ${code}` : ""})`;
  const said = typeof parsed.message === "string" && parsed.message ? redactText(parsed.message) : void 0;
  if (status >= 500) {
    return new ServerError(`${spec.what}: server error ${tag}${init.mayHaveSucceeded ? "; the request may have been applied" : ""}`, init);
  }
  const errorInit = { ...init, error: code, params: parsed.params };
  switch (status) {
    case 401:
      return new AuthenticationError(`${spec.what}: ${said ?? "the token is missing or invalid"} ${tag}`, errorInit);
    case 403:
      return new PermissionDeniedError(`${spec.what}: ${said ?? "permission denied"} ${tag}`, errorInit);
    case 404:
      return new NotFoundError(`${spec.what} not found ${tag}`, errorInit);
    case 429: {
      const wait = init.retryAfter === void 0 ? "" : `; retry after ${init.retryAfter} s`;
      return new RateLimitError(`${spec.what}: rate limited ${tag}${wait}`, errorInit);
    }
    default:
      return new RequestError(`${spec.what}: ${said ?? "request refused"} ${tag}`, errorInit);
  }
}
async function loadPage(load, query) {
  const { body, response } = await load(query);
  return new Page(body, response, load, query);
}
var Page = class {
  /** The items on this page, newest first. */
  data;
  /** True when more items follow this page. */
  has_more;
  /** How many items match the filters in all. */
  total_count;
  /** The collection path the list came from (relative; never followed). */
  url;
  #load;
  #query;
  constructor(body, response, load, query) {
    this.data = body.data;
    this.has_more = body.has_more;
    this.total_count = body.total_count;
    this.url = body.url;
    Object.defineProperty(this, "lastResponse", { value: response, enumerable: false });
    this.#load = load;
    this.#query = query;
  }
  /** True when `nextPage()` has something to fetch. */
  hasNextPage() {
    return this.has_more && this.data.length > 0;
  }
  /**
   * Fetches the page after this one, on the client's own base URL (a server-sent `url` is never followed).
   * @throws ResponseValidationError when the server said `has_more` but sent no item to continue from.
   */
  nextPage() {
    const last = this.data.at(-1);
    if (!this.has_more) return Promise.reject(new InvalidInputError("page", "this is the last page (has_more is false)"));
    if (!last || last.id === this.#query.after_id) {
      return Promise.reject(
        new ResponseValidationError("list: the server said has_more but sent no new item to continue after", {
          status: this.lastResponse.status,
          field: "data",
          body: ""
        })
      );
    }
    return loadPage(this.#load, { ...this.#query, after_id: last.id });
  }
};
var PagePromise = class {
  #first;
  #load;
  #query;
  /** @param query the encoded filters; iteration adds `limit=1000` when the caller set no `limit`. */
  constructor(load, query) {
    this.#load = load;
    this.#query = query;
  }
  #firstPage() {
    this.#first ??= loadPage(this.#load, this.#query);
    return this.#first;
  }
  then(onFulfilled, onRejected) {
    return this.#firstPage().then(onFulfilled, onRejected);
  }
  catch(onRejected) {
    return this.#firstPage().catch(onRejected);
  }
  finally(onFinally) {
    return this.#firstPage().finally(onFinally);
  }
  /** Every page in turn, starting with the first. Pages hold up to the caller's `limit`, else 1000 items. */
  async *pages() {
    let page = await ("limit" in this.#query ? this.#firstPage() : loadPage(this.#load, { ...this.#query, limit: String(MAX_PAGE_SIZE) }));
    yield page;
    while (page.has_more) {
      page = await page.nextPage();
      yield page;
    }
  }
  /** Every item of every page, fetched lazily. */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) yield* page.data;
  }
  /**
   * Collects items into an array, stopping after `limit` of them.
   * @throws InvalidInputError when `limit` is not a positive whole number.
   */
  async toArray(options) {
    const limit = options?.limit;
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
      throw new InvalidInputError("limit", "toArray needs a positive whole number, e.g. toArray({ limit: 100 })");
    }
    const items = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
};
function listPages(params, filters, request, wrap) {
  let query;
  try {
    query = listQuery(params, filters);
  } catch (error) {
    return new PagePromise(() => Promise.reject(error), {});
  }
  return new PagePromise(async (q) => {
    const { data, response } = await request(q);
    return { body: { ...data, data: data.data.map((item) => wrap(item, response)) }, response };
  }, query);
}
var HIDDEN = /* @__PURE__ */ new Set(["secret"]);
var owner = /* @__PURE__ */ Symbol("ricloud.client");
var Resource = class {
  /** Copies `attributes` in, keeping secrets and response facts out of `console.log`, spread and `JSON.stringify`. */
  assign(attributes, response, client) {
    for (const [key, value] of Object.entries(attributes)) {
      Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: !HIDDEN.has(key) });
    }
    Object.defineProperty(this, "lastResponse", { value: response, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(this, owner, { value: client, writable: true, configurable: true, enumerable: false });
    return this;
  }
  /** Takes over the attributes and response facts of a fresh copy of this resource; returns this. */
  absorb(fresh) {
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(fresh));
    return this;
  }
  /** The client this resource was fetched with. */
  get client() {
    return this[owner];
  }
  /** `util.inspect` / `console.log` form: attributes, with hidden ones shown as `[redacted]`. */
  [inspectSymbol](_depth, options, inspect) {
    const shown = { ...this };
    for (const key of HIDDEN) if (this[key] != null) shown[key] = REDACTED;
    return `${this.constructor.name} ${inspect(shown, options)}`;
  }
};
var PATH = "/events";
var pageSchema = listSchema(eventSchema);
var Events = class {
  constructor(client) {
    this.client = client;
  }
  /**
   * Fetches one event.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such event.
   */
  async retrieve(id2, options) {
    const { data, response } = await this.client.request(
      { method: "GET", path: `${PATH}/${encodeId(id2)}`, retry: "idempotent", schema: eventSchema, what: `event ${id2}` },
      options
    );
    return new Event(data, response, this.client);
  }
  /**
   * Lists events, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params, options) {
    return listPages(
      params,
      { strings: ["type", "action", "state"], dates: ["date_created"] },
      (query) => this.client.request({ method: "GET", path: PATH, query, retry: "idempotent", schema: pageSchema, what: "event list" }, options),
      (item, response) => new Event(item, response, this.client)
    );
  }
};
var Event = class extends Resource {
  /** The zod schema of the API's event object. */
  static schema = eventSchema;
  /** @internal Built by the SDK from a validated response. */
  constructor(attributes, response, client) {
    super();
    this.assign(attributes, response, client);
  }
  /** `GET /events/{id}`. See `Events.retrieve`. */
  static retrieve(id2, options) {
    return clientFor(options).events.retrieve(id2, options);
  }
  /** `GET /events`. See `Events.list`. */
  static list(params, options) {
    return clientFor(options).events.list(params, options);
  }
};
var PATH2 = "/tasks";
var pageSchema2 = listSchema(taskSchema);
var DEFAULT_WAIT_TIMEOUT = 6e4;
var FIRST_POLL_INTERVAL = 500;
var MAX_POLL_INTERVAL = 5e3;
var Tasks = class {
  constructor(client) {
    this.client = client;
  }
  /**
   * Fetches one task.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such task.
   */
  async retrieve(id2, options) {
    const { data, response } = await this.client.request(
      { method: "GET", path: `${PATH2}/${encodeId(id2)}`, retry: "idempotent", schema: taskSchema, what: `task ${id2}` },
      options
    );
    return new Task(data, response, this.client);
  }
  /**
   * Lists tasks, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params, options) {
    return listPages(
      params,
      { strings: ["state", "type"], dates: ["date_created"] },
      (query) => this.client.request({ method: "GET", path: PATH2, query, retry: "idempotent", schema: pageSchema2, what: "task list" }, options),
      (item, response) => new Task(item, response, this.client)
    );
  }
};
var Task = class extends Resource {
  /** The zod schema of the API's task object. */
  static schema = taskSchema;
  /** @internal Built by the SDK from a validated response. */
  constructor(attributes, response, client) {
    super();
    this.assign(attributes, response, client);
  }
  /** `GET /tasks/{id}`. See `Tasks.retrieve`. */
  static retrieve(id2, options) {
    return clientFor(options).tasks.retrieve(id2, options);
  }
  /** `GET /tasks`. See `Tasks.list`. */
  static list(params, options) {
    return clientFor(options).tasks.list(params, options);
  }
  /** True once the task has `succeeded` or `failed`. */
  get done() {
    return TASK_FINAL_STATES.includes(this.state);
  }
  /** Fetches this task again, in place. */
  async refresh(options) {
    return this.absorb(await this.client.tasks.retrieve(this.id, options));
  }
  /**
   * Resolves with this task once it has `succeeded` or `failed` (a failed task resolves too: check `state`).
   * Each refresh asks the server to hold the answer (`Ricloud-Await`, up to 10 s); a server that answers at once
   * is polled with backoff from 0.5 s to 5 s.
   * @throws TimeoutError when the task is still running after `timeout`; AbortError when `signal` fires.
   */
  async wait(options = {}) {
    const budget = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
    if (typeof budget !== "number" || !(budget > 0)) throw new InvalidInputError("options.timeout", `must be a positive number of milliseconds, got ${describe2(budget)}`);
    const { timeout: _budget, ...perRequest } = options;
    const end = Date.now() + budget;
    let interval = FIRST_POLL_INTERVAL;
    while (!this.done) {
      const remaining = end - Date.now();
      if (remaining <= 0) throw new TimeoutError(`task ${this.id} is still ${this.state} after ${budget} ms`, { request: { method: "GET", path: `${PATH2}/${this.id}`, attempts: 0 } });
      const awaitFor = Math.min(MAX_AWAIT_SECONDS, Math.floor(remaining / 1e3));
      const asked = Date.now();
      await this.refresh({ ...perRequest, deadline: remaining, ...awaitFor > 0 ? { awaitFor } : {} });
      if (this.done) break;
      if (awaitFor > 0 && Date.now() - asked >= awaitFor * 900) continue;
      await sleep(Math.min(interval, end - Date.now()), options.signal);
      interval = Math.min(interval * 2, MAX_POLL_INTERVAL);
    }
    return this;
  }
};
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const aborted2 = () => {
      clearTimeout(timer);
      reject(new AbortError("task wait aborted", { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted2);
      resolve();
    }, Math.max(0, ms));
    if (signal?.aborted) aborted2();
    else signal?.addEventListener("abort", aborted2, { once: true });
  });
}
var PATH3 = "/configs/webhook";
var pageSchema3 = listSchema(webhookConfigSchema);
function checkUpdate(params) {
  const p = checkObject(params, "params");
  checkKeys(p, ["url", "state"], "update");
  const body = {};
  if (p.url !== void 0) body.url = checkUrl(p.url);
  if (p.state !== void 0) {
    if (!WEBHOOK_CONFIG_UPDATE_STATES.includes(p.state)) {
      throw new InvalidInputError("state", `can only be set to ${WEBHOOK_CONFIG_UPDATE_STATES.join(" or ")}`);
    }
    body.state = p.state;
  }
  if (Object.keys(body).length === 0) throw new InvalidInputError("params", "an update needs url or state");
  return body;
}
var WebhookConfigs = class {
  constructor(client) {
    this.client = client;
  }
  /**
   * Creates a config; the API answers with its `secret` and starts a `webhook_config.test` task.
   * Never re-sent after the server may have acted: on failure check `error.mayHaveSucceeded`.
   * @throws InvalidInputError for a missing or bad `url`; RicloudError for API and network failures.
   */
  async create(params, options) {
    const p = checkObject(params, "params");
    checkKeys(p, ["url"], "create");
    if (p.url === void 0) throw new InvalidInputError("url", "is required");
    const body = { url: checkUrl(p.url) };
    const { data, response } = await this.client.request({ method: "POST", path: PATH3, body, retry: "once", schema: webhookConfigSchema, what: "create webhook_config" }, options);
    return new WebhookConfig(data, response, this.client);
  }
  /**
   * Fetches one config.
   * @throws InvalidInputError for a bad id; NotFoundError when this organisation has no such config.
   */
  async retrieve(id2, options) {
    const { data, response } = await this.client.request(
      { method: "GET", path: `${PATH3}/${encodeId(id2)}`, retry: "idempotent", schema: webhookConfigSchema, what: `webhook_config ${id2}` },
      options
    );
    return new WebhookConfig(data, response, this.client);
  }
  /**
   * Lists configs, newest first: await it for one page, or `for await` over it for all.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list(params, options) {
    return listPages(
      params,
      { strings: ["state"], dates: ["date_created"] },
      (query) => this.client.request({ method: "GET", path: PATH3, query, retry: "idempotent", schema: pageSchema3, what: "webhook_config list" }, options),
      (item, response) => new WebhookConfig(item, response, this.client)
    );
  }
  /**
   * Changes a config's `url` or `state`; the API tests it again unless it was deactivated.
   * @throws InvalidInputError for an empty update, a bad url or a state other than new/deactivated.
   */
  async update(id2, params, options) {
    const path = `${PATH3}/${encodeId(id2)}`;
    const body = checkUpdate(params);
    const { data, response } = await this.client.request({ method: "POST", path, body, retry: "idempotent", schema: webhookConfigSchema, what: `webhook_config ${id2}` }, options);
    return new WebhookConfig(data, response, this.client);
  }
  /**
   * Starts a `webhook_config.test` task, which sends a signed test event to the config's url.
   * Never re-sent after the server may have acted.
   * @throws NotFoundError when there is no such config.
   */
  async test(id2, options) {
    const { data, response } = await this.client.request(
      { method: "POST", path: `${PATH3}/${encodeId(id2)}/test`, retry: "once", schema: Task.schema, what: `test webhook_config ${id2}` },
      options
    );
    return new Task(data, response, this.client);
  }
};
var WebhookConfig = class extends Resource {
  /** The zod schema of the API's webhook config object. */
  static schema = webhookConfigSchema;
  /** @internal Built by the SDK from a validated response. */
  constructor(attributes, response, client) {
    super();
    this.assign(attributes, response, client);
  }
  /** `POST /configs/webhook`. See `WebhookConfigs.create`. */
  static create(params, options) {
    return clientFor(options).webhookConfigs.create(params, options);
  }
  /** `GET /configs/webhook/{id}`. See `WebhookConfigs.retrieve`. */
  static retrieve(id2, options) {
    return clientFor(options).webhookConfigs.retrieve(id2, options);
  }
  /** `GET /configs/webhook`. See `WebhookConfigs.list`. */
  static list(params, options) {
    return clientFor(options).webhookConfigs.list(params, options);
  }
  /** `POST /configs/webhook/{id}`. See `WebhookConfigs.update`. */
  static updateWithId(id2, params, options) {
    return clientFor(options).webhookConfigs.update(id2, params, options);
  }
  /** `POST /configs/webhook/{id}/test`. See `WebhookConfigs.test`. */
  static testWithId(id2, options) {
    return clientFor(options).webhookConfigs.test(id2, options);
  }
  /** Updates this config in place and returns it. */
  async update(params, options) {
    return this.absorb(await this.client.webhookConfigs.update(this.id, params, options));
  }
  /** Fetches this config again, in place. The `secret` from `create` is kept when the answer leaves it out. */
  async refresh(options) {
    return this.absorb(await this.client.webhookConfigs.retrieve(this.id, options));
  }
  /** Starts a test of this config; returns its task. */
  test(options) {
    return this.client.webhookConfigs.test(this.id, options);
  }
};
var DEFAULT_TIMEOUT = 3e4;
var DEFAULT_MAX_RETRIES = 2;
var env = (name) => globalThis.process?.env?.[name];
function checkClientOptions(options) {
  const o = checkRequestOptions(options, "options");
  if (o.token !== void 0 && typeof o.token !== "string") throw new InvalidInputError("options.token", `must be a string, got ${describe2(o.token)}`);
  if (o.baseUrl !== void 0) checkUrl(o.baseUrl, "options.baseUrl");
  if (o.fetch !== void 0 && typeof o.fetch !== "function") throw new InvalidInputError("options.fetch", `must be a function, got ${describe2(o.fetch)}`);
  if (o.logLevel !== void 0 && !LOG_LEVELS.includes(o.logLevel)) {
    throw new InvalidInputError("options.logLevel", `must be one of ${LOG_LEVELS.join(", ")}`);
  }
  if (o.validate !== void 0 && typeof o.validate !== "boolean") throw new InvalidInputError("options.validate", `must be a boolean, got ${describe2(o.validate)}`);
  return o;
}
var Client = class _Client {
  /** The base URL requests go to. */
  baseUrl;
  /** Webhook configs, bound to this client. */
  webhookConfigs;
  /** Tasks, bound to this client. */
  tasks;
  /** Events, bound to this client. */
  events;
  #options;
  #token;
  #transport;
  constructor(options = {}) {
    const o = checkClientOptions(options);
    this.#options = o;
    this.#token = o.token ?? env("RICLOUD_TOKEN") ?? "";
    this.baseUrl = (o.baseUrl ?? env("RICLOUD_URL") ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    if (o.baseUrl === void 0) checkUrl(this.baseUrl, "RICLOUD_URL");
    this.#transport = createTransport({
      ...o,
      baseUrl: this.baseUrl,
      token: this.#token,
      timeout: o.timeout ?? DEFAULT_TIMEOUT,
      maxRetries: o.maxRetries ?? DEFAULT_MAX_RETRIES,
      logger: o.logger ?? console,
      logLevel: o.logLevel ?? envLogLevel(env("RICLOUD_LOG")) ?? "warn",
      validate: o.validate ?? true
    });
    this.webhookConfigs = new WebhookConfigs(this);
    this.tasks = new Tasks(this);
    this.events = new Events(this);
  }
  /** A new client with these options laid over this one's. */
  withOptions(options) {
    return new _Client({ ...this.#options, token: this.#token, baseUrl: this.baseUrl, ...checkClientOptions(options) });
  }
  /**
   * Sends one API call through the pipeline. Resources use this; it is public for endpoints the SDK does not wrap yet.
   * @throws RicloudError in every failure case.
   */
  async request(spec, options) {
    if (!this.#token) throw new InvalidInputError("token", "no API token: pass { token } to the client or configure(), or set RICLOUD_TOKEN");
    return send(this.#transport, spec, checkRequestOptions(options));
  }
  /** The settings, without the token. */
  toJSON() {
    const { token: _token, fetch: _fetch, logger: _logger, headers, ...rest } = this.#options;
    return { ...rest, baseUrl: this.baseUrl, token: this.#token ? REDACTED : "", ...headers ? { headers: Object.fromEntries(Object.keys(headers).map((k) => [k, REDACTED])) } : {} };
  }
  [inspectSymbol](_depth, options, inspect) {
    return `Client ${inspect(this.toJSON(), options)}`;
  }
};
var current;
function configure(options = {}) {
  current = new Client(options);
  return current;
}
function defaultClient() {
  current ??= new Client();
  return current;
}
function clientFor(options) {
  const client = options?.client;
  if (client !== void 0 && !(client instanceof Client)) throw new InvalidInputError("options.client", "must be a Client");
  return client ?? defaultClient();
}
export {
  AbortError,
  AuthenticationError,
  Client,
  ConnectionError,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT,
  EVENT_STATES,
  Event,
  Events,
  InvalidInputError,
  NotFoundError,
  Page,
  PagePromise,
  PermissionDeniedError,
  RateLimitError,
  RequestError,
  ResponseValidationError,
  RicloudError,
  ServerError,
  TASK_STATES,
  Task,
  Tasks,
  TimeoutError,
  WEBHOOK_CONFIG_STATES,
  WebhookConfig,
  WebhookConfigs,
  configure
};
/*! Bundled license information:

ky/distribution/index.js:
  (*! MIT License © Sindre Sorhus *)
*/
