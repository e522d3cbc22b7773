import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { dataSourceOptions } from './data-source.options.js';

/** For the TypeORM CLI (`typeorm migration:show -d dist/libs/database/src/data-source.js`). */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
