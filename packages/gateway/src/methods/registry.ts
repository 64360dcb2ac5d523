import { ClawportError, type Scope } from '@clawport/core';
import { checkParamNames } from './params.js';

/** Who answers a call: the gateway (`core`) or a plugin by id. */
export type MethodHandler = (params: unknown, call: CallInfo) => unknown;

export interface CallInfo {
  connId: string;
  scopes: readonly Scope[];
}

interface Entry {
  owner: string;
  handler: MethodHandler;
  scope: Scope;
}

/** Built-in and plugin RPC methods. A name is owned once; a clash is the second registrant's error. */
export class MethodRegistry {
  private readonly entries = new Map<string, Entry>();

  /**
   * `scope` is what a connection needs to call it; plugin methods default to operator.write. `params`
   * are the param names the method takes: any other key is refused before the handler runs (a
   * misspelt or wrong-method key must never be ignored while the call acts on a default, e.g.
   * config.patch {name: "main"} patching this gateway's own instance). Every built-in declares them.
   */
  register(name: string, handler: MethodHandler, owner = 'core', scope: Scope = 'operator.write', params?: readonly string[]): void {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/.test(name)) {
      throw new ClawportError(`method name ${JSON.stringify(name)} is not valid`, 'use letters, digits, dots, _ and -');
    }
    if (name === 'connect') throw new ClawportError('method name connect is reserved for the handshake');
    const existing = this.entries.get(name);
    if (existing) throw new ClawportError(`method ${name} is already registered by ${existing.owner}`);
    const checked: MethodHandler = params === undefined ? handler : (p, call) => handler(checkParamNames(p, name, params), call);
    this.entries.set(name, { owner, handler: checked, scope });
  }

  /** Removes everything a plugin registered (its start failed or it stopped). */
  removeOwner(owner: string): void {
    for (const [name, entry] of this.entries) if (entry.owner === owner) this.entries.delete(name);
  }

  get(name: string): { handler: MethodHandler; scope: Scope } | undefined {
    return this.entries.get(name);
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }
}
