export const chaosCommand = { usage: '', run: async () => 0 };
