/** Numbers the command line and the server share; no imports, so loading it costs nothing. */

/** Shortest token a user may choose for `serve --token`. */
export const MIN_TOKEN_LENGTH = 16;
