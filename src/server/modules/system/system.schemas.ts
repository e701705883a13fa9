import { Type } from '@sinclair/typebox';

export const Health = Type.Object({ status: Type.String(), database: Type.String() });
export const Ready = Type.Object({ status: Type.String() });

export const SystemInfo = Type.Object({
  name: Type.String(),
  version: Type.String(),
  demo: Type.Boolean(),
  mode: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  needsSetup: Type.Boolean(),
  modules: Type.Array(Type.String()),
  enterpriseSso: Type.Boolean(),
});
