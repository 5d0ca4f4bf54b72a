/** The package version, read from package.json so there is one place to change it. */
import { version } from '../../package.json';

export const VERSION: string = version;
