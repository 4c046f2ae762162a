import { type DynamicModule, Global, Module } from '@nestjs/common';
import { EVENT_STORE, UPCASTERS } from '#libs/event-store';
import { PROJECTION_RUNNER, READ_MODELS } from '#libs/projections';
import type { Runtime } from '#libs/runtime';
import { PERSONAL_DATA_VAULT } from '#libs/capture';

export const RUNTIME = Symbol.for('learning-loop.runtime');

/** Makes the opened infrastructure injectable everywhere: event store, read models, runner. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: RUNTIME, useValue: runtime },
      { provide: EVENT_STORE, useValue: runtime.store },
      { provide: READ_MODELS, useValue: runtime.readModels },
      { provide: PROJECTION_RUNNER, useValue: runtime.projections },
      { provide: PERSONAL_DATA_VAULT, useValue: runtime.vault },
      { provide: UPCASTERS, useValue: runtime.upcasters },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((p) => p.provide) };
  }
}
