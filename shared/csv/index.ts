export * from './decode-text';
export * from './parse-csv';
export * from './import-formats';
export * from './import-rows';
export * from './read-import-file';
export * from './validate-import';
export * from './csv-write';
export * from './template-examples';
