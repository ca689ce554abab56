import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessMapping, headerKey, recogniseFormat } from './import-formats';
import { needsMapping, readImportFile } from './read-import-file';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));

describe('format recognition by header row', () => {
  it('header keys ignore case, spaces, punctuation, bracketed suffixes and a trailing Required', () => {
    expect(headerKey('First Name [Required]')).toBe('firstname');
    expect(headerKey('  first name ')).toBe('firstname');
    expect(headerKey('Email Address [MUST BE UNIQUE]')).toBe('emailaddress');
    expect(headerKey('Name [displayName] Required')).toBe('name');
    expect(headerKey('Block sign in (Yes/No) [accountEnabled] Required')).toBe('blocksignin');
  });

  it('Google Workspace bulk upload: first + last name, password, Change Password at Next Sign-In', () => {
    const file = readImportFile(fixture('google-workspace.csv'));
    expect(file.recognised.format).toBe('google');
    expect(file.rows[0]).toMatchObject({
      email: 'grace.hopper@import.acme.test',
      name: 'Grace Hopper',
      password: 'Cobol-Compiler-1952-Mark',
      changePasswordAtNextSignIn: true,
    });
    expect(file.rows[1]!.changePasswordAtNextSignIn).toBe(false);
    expect(file.rows[2]!.password).toBe('');
  });

  it('Entra: "Block sign in (Yes/No) [accountEnabled]" is read, so the preview can say Nexus does not block', () => {
    const file = readImportFile(fixture('entra-bulk-create.csv'));
    expect(file.recognised.format).toBe('entra');
    expect(file.rows.map((row) => row.blockSignIn)).toEqual([false, false, false]);
    const blocked = new TextEncoder().encode(
      'version:v1.0,,,,\r\nName [displayName] Required,User name [userPrincipalName] Required,' +
        'Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required\r\n' +
        'Joan Clarke,joan.clarke@import.acme.test,Hut-Eight-Cryptanalysis-41,Yes\r\n',
    );
    expect(readImportFile(blocked).rows[0]!.blockSignIn).toBe(true);
  });

  it('Google headers from another template version (other suffixes, other case) are still Google', () => {
    const header = [
      'first name [REQUIRED]',
      'LAST NAME [Required]',
      'Email Address [Required, must be unique]',
      'Password [Required]',
      'Org Unit Path [Required]',
    ];
    expect(recogniseFormat(header, null).format).toBe('google');
  });

  it('Microsoft Entra bulk create: version line, bracketed property names', () => {
    const file = readImportFile(fixture('entra-bulk-create.csv'));
    expect(file.recognised.format).toBe('entra');
    expect(file.rows[0]).toMatchObject({
      email: 'margaret.hamilton@import.acme.test',
      name: 'Margaret Hamilton',
      password: 'Apollo-Guidance-Computer-11',
    });
  });

  it('Entra without its version line (someone deleted it) is still Entra', () => {
    const header = [
      'Name [displayName] Required',
      'User name [userPrincipalName] Required',
      'Initial password [passwordProfile] Required',
    ];
    expect(recogniseFormat(header, null).format).toBe('entra');
  });

  it('Microsoft 365 add multiple users: Display Name, no password column', () => {
    const file = readImportFile(fixture('m365-add-users.csv'));
    expect(file.recognised.format).toBe('m365');
    expect(file.recognised.mapping.password).toBeNull();
    expect(file.rows[0]).toMatchObject({ email: 'linus.t@import.acme.test', name: 'Linus Torvalds', password: '' });
  });

  it('the console template, in any column order and case', () => {
    expect(readImportFile(fixture('console-template.csv')).recognised.format).toBe('console');
    expect(recogniseFormat(['Role', 'EMAIL'], null)).toMatchObject({
      format: 'console',
      mapping: { email: 1, role: 0 },
    });
    expect(readImportFile(fixture('excel-unicode-text.txt')).recognised.format).toBe('console');
  });

  it('other headers: the mapping step, with guesses filled in', () => {
    const file = readImportFile(fixture('custom-headers.csv'));
    expect(file.recognised.format).toBe('custom');
    expect(needsMapping(file.recognised)).toBe(true);
    expect(file.recognised.mapping).toMatchObject({ email: 3, firstName: 1, lastName: 2, role: 4, password: null });
    expect(file.rows[0]).toMatchObject({ email: 'hedy.lamarr@import.acme.test', name: 'Hedy Lamarr', role: 'Member' });
    const european = readImportFile(fixture('semicolon-european.csv'));
    expect(european.recognised.format).toBe('custom');
    expect(european.recognised.mapping).toMatchObject({ email: 0, name: 1 });
  });

  it('the role column is guessed from common headers in other languages, accents or not', () => {
    for (const role of ['Rolle', 'Funktion', 'Rôle', 'Rol', 'Ruolo', 'Papel', 'ROLE (access)'])
      expect(guessMapping(['E-Mail', 'Name', role]).role, role).toBe(2);
    expect(guessMapping(['Courriel', 'Prénom', 'Nom', 'Rôle'])).toMatchObject({
      email: 0,
      firstName: 1,
      role: 3,
    });
    expect(readImportFile(fixture('semicolon-european.csv')).recognised.mapping).toMatchObject({ role: 2 });
  });

  it('Given / Family (name) and Surname are guessed as first and last name, in any case, with brackets', () => {
    const pairs = [
      ['Given', 'Family'],
      ['Given name', 'Family name'],
      ['given_name', 'SURNAME'],
      ['Given [Required]', 'Family (legal)'],
      ['Given', 'Surname'],
    ];
    for (const [given, family] of pairs)
      expect(guessMapping(['Work email', given!, family!]), `${given} / ${family}`).toMatchObject({
        email: 0,
        firstName: 1,
        lastName: 2,
        name: null,
      });
  });

  it('no header says email: the column whose values look like addresses', () => {
    const file = readImportFile(fixture('no-email-header.csv'));
    expect(file.recognised.mapping.email).toBe(1);
    expect(file.rows[1]!.email).toBe('john.backus@import.acme.test');
  });

  it('cells are trimmed, and a trimmed password says so', () => {
    const file = readImportFile(fixture('trailing-spaces.csv'));
    expect(file.rows[0]).toMatchObject({ email: 'spaced.one@import.acme.test', name: 'Spaced One', role: 'Member' });
    const padded = readImportFile(new TextEncoder().encode('email,password\na@x.test, Padded-Password-Here \n'));
    expect(padded.rows[0]!.password).toBe('Padded-Password-Here');
    expect(padded.rows[0]!.notes).toEqual(['Spaces before or after the password were removed.']);
  });
});
