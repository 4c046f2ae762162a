/** How a timestamp column is read back for cursors: microseconds, UTC, always the same width. */
export const TIMESTAMP_KEY = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${as}`;
