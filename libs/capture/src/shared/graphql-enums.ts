import { registerEnumType } from '@nestjs/graphql';
import { CHANNELS, ENDINGS, FREQUENCIES, INITIATORS, PAUSE_REQUESTERS, PLACES, REFERRAL_SOURCES } from './vocabulary.js';

/**
 * GraphQL enums for the shared vocabulary: names are the upper-case words, values the stored
 * lower-case strings, so resolvers hand the domain exactly what it records.
 */
export function graphqlEnum<T extends string>(values: readonly T[], name: string, description: string): Record<string, T> {
  const enumObject = Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<string, T>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

export const ReferralSourceEnum = graphqlEnum(REFERRAL_SOURCES, 'ReferralSource', 'Who suggested coaching to the person.');
export const ChannelEnum = graphqlEnum(CHANNELS, 'Channel', 'How a conversation happened.');
export const InitiatorEnum = graphqlEnum(INITIATORS, 'Initiator', 'Who got in touch.');
export const PlaceEnum = graphqlEnum(PLACES, 'Place', 'Where an in-person conversation happened: the person\'s choice.');
export const PauseRequesterEnum = graphqlEnum(PAUSE_REQUESTERS, 'PauseRequester', 'Who asked for a pause.');
export const EndingEnum = graphqlEnum(ENDINGS, 'Ending', 'How a coaching relationship ended.');
export const FrequencyEnum = graphqlEnum(FREQUENCIES, 'Frequency', 'How often the person would like to meet.');
