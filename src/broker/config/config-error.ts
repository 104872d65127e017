// Thrown for a broker configuration the user gave us that we cannot run with.
// The message names the key and the form we accept, because it is shown as is
// on the command line and in the app.

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
