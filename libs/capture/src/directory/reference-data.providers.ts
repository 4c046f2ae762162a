import { DIRECTORY } from '../shared/directory.js';
import { ORGANISATION_COMMAND_HANDLERS } from '../organisations/organisations.commands.js';
import { OrganisationQueries } from '../organisations/organisations.queries.js';
import { OrganisationsResolver } from '../organisations/organisations.resolver.js';
import { TAXONOMY_COMMAND_HANDLERS } from '../taxonomy/taxonomy.commands.js';
import { TaxonomyQueries } from '../taxonomy/taxonomy.queries.js';
import { TaxonomyResolver } from '../taxonomy/taxonomy.resolver.js';
import { TaxonomyDefaultsSeeder } from '../taxonomy/taxonomy-defaults.seeder.js';
import { DIRECTORY_COMMAND_HANDLERS } from './directory.commands.js';
import { DirectoryQueries } from './directory.queries.js';
import { DirectoryResolver } from './directory.resolver.js';
import { SqlDirectory } from './sql-directory.js';

/**
 * Capture's reference data (areas, teams, coaches, organisations, observation categories) and
 * the Directory look-up over it, as CaptureModule providers.
 */
export const REFERENCE_DATA_PROVIDERS = [
  { provide: DIRECTORY, useClass: SqlDirectory },
  ...DIRECTORY_COMMAND_HANDLERS,
  DirectoryQueries,
  DirectoryResolver,
  ...ORGANISATION_COMMAND_HANDLERS,
  OrganisationQueries,
  OrganisationsResolver,
  ...TAXONOMY_COMMAND_HANDLERS,
  TaxonomyQueries,
  TaxonomyResolver,
  TaxonomyDefaultsSeeder,
];

