export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'task'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_DIRECTIONS = ['inbound', 'outbound'] as const;
export const ACTIVITY_ORIGINS = ['manual', 'api', 'email', 'calendar', 'import'] as const;
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS)[number];
export type ActivityOrigin = (typeof ACTIVITY_ORIGINS)[number];
