// Public API of jetcolor/geometry; filled in module by module.
export {};
