// The codes live in the pack (plugin/app), shared by every host; this path stays for the host's imports.
export * from '../../plugin/app/error-codes.ts';
