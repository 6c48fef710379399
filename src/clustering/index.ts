// Public API of jetcolor/clustering; filled in module by module.
export {};
