import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * oidc-provider's storage for local mode: in memory, per provider instance (sessions and refresh tokens end with
 * the process, which local mode accepts; ID tokens stay verifiable because the signing key is kept on disk).
 */
export function memoryAdapter(): AdapterFactory {
  const store = new Map<string, { payload: AdapterPayload; expires: number }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry !== undefined && Date.now() >= entry.expires) {
      store.delete(key);
      return undefined;
    }
    return entry;
  };
  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const findWhere = (field: 'uid' | 'userCode', value: string) => {
      for (const [k, entry] of store) if (k.startsWith(`${model}:`) && entry.payload[field] === value && live(k) !== undefined) return entry.payload;
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        store.set(key(id), { payload, expires: expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000 });
      },
      find: async (id) => live(key(id))?.payload,
      findByUid: async (uid) => findWhere('uid', uid),
      findByUserCode: async (userCode) => findWhere('userCode', userCode),
      consume: async (id) => {
        const entry = live(key(id));
        if (entry !== undefined) entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
      },
      destroy: async (id) => {
        store.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, entry] of store) if (entry.payload.grantId === grantId) store.delete(k);
      },
    };
  };
}
