// Public API of jetcolor/io; filled in module by module.
export {};
