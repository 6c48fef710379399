// Public API of jetcolor/metrics; filled in module by module.
export {};
