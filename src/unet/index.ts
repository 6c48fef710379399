// Public API of jetcolor/unet; filled in module by module.
export {};
