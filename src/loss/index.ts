// Public API of jetcolor/loss; filled in module by module.
export {};
