/**
 * Secrets held only in this process's memory: where they live when no keychain is usable
 * (`memoryOnly`). They die with the process: sign-ins are not remembered and a temporary password
 * queued offline is lost if the console closes before it syncs (the entry then asks for a new
 * one). Never written to a file, plaintext or "obfuscated" with a key that would sit beside it.
 */
export class MemorySecrets {
  private readonly secrets = new Map<string, string>();

  get(account: string): string | null {
    return this.secrets.get(account) ?? null;
  }
  has(account: string): boolean {
    return this.secrets.has(account);
  }
  set(account: string, secret: string): void {
    this.secrets.set(account, secret);
  }
  delete(account: string): boolean {
    return this.secrets.delete(account);
  }
  accounts(): string[] {
    return [...this.secrets.keys()];
  }
}
