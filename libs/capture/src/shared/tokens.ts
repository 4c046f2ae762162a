/** Nest injection token for the PersonalDataVault. */
export const PERSONAL_DATA_VAULT = Symbol.for('learning-loop.personal-data-vault');
