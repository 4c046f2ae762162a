import { UpcasterRegistry } from '#libs/kernel';
import { eventStatisticsProjection, type Projection } from '#libs/projections';
import { captureProjections, captureUpcasters } from '#libs/capture';
import { accessProjections } from '#libs/access';
import { themesProjections } from '#libs/themes';
import { learningProjections } from '#libs/learning';
import { reportsProjections } from '#libs/reports';

/**
 * Everything the product registers with the event store and the projection runner. Each
 * capability library adds its projections and upcasters here as it arrives.
 */
export function productProjections(): Projection[] {
  return [eventStatisticsProjection, ...captureProjections(), ...accessProjections(), ...themesProjections(), ...learningProjections(), ...reportsProjections()];
}

/** One registry of every upcaster: it also sets the schema version new events of each type are written with. */
export function productUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry().register(...captureUpcasters());
}
