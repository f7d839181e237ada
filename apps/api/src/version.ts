/** The build's version, shown by health endpoints and docs. Set TX_VERSION at build time; else the package's. */
export const VERSION = process.env.TX_VERSION ?? '0.1.0';
