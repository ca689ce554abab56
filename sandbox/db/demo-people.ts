/** The demo org's people, one of every status, most owning some work (tasks, files, notes). */
export interface DemoPerson {
  name: string;
  email: string;
  kind: 'active' | 'invite-pending' | 'invite-expired' | 'created' | 'created-signed-in' | 'removed';
  role: string;
  ageDays: number;
  work: [number, number, number];
  org?: 'labs';
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: 'Aisha Khan', email: 'aisha.khan@acme.test', kind: 'active', role: 'member', ageDays: 39, work: [25, 20, 1] },
  { name: 'Ben Carter', email: 'ben.carter@acme.test', kind: 'active', role: 'accountant', ageDays: 300, work: [0, 0, 0] },
  { name: 'Chloe Dubois', email: 'chloe.dubois@acme.test', kind: 'active', role: 'member', ageDays: 224, work: [13, 1, 2] },
  { name: 'Diego Ramirez', email: 'diego.ramirez@acme.test', kind: 'active', role: 'admin', ageDays: 48, work: [0, 0, 0] },
  { name: 'Elena Petrova', email: 'elena.petrova@acme.test', kind: 'active', role: 'accountant', ageDays: 324, work: [36, 3, 7] },
  { name: 'Farid Haddad', email: 'farid.haddad@acme.test', kind: 'active', role: 'member', ageDays: 25, work: [25, 1, 7] },
  { name: 'Grace Okafor', email: 'grace.okafor@acme.test', kind: 'active', role: 'accountant', ageDays: 278, work: [18, 13, 4] },
  { name: 'Hiro Tanaka', email: 'hiro.tanaka@acme.test', kind: 'active', role: 'member', ageDays: 54, work: [35, 21, 5] },
  { name: 'Ines Silva', email: 'ines.silva@acme.test', kind: 'active', role: 'member', ageDays: 290, work: [35, 22, 2] },
  { name: 'Jonas Berg', email: 'jonas.berg@acme.test', kind: 'active', role: 'member', ageDays: 162, work: [31, 21, 13] },
  { name: 'Kemi Adeyemi', email: 'kemi.adeyemi@acme.test', kind: 'invite-pending', role: 'accountant', ageDays: 240, work: [0, 0, 0] },
  { name: 'Liam Murphy', email: 'liam.murphy@acme.test', kind: 'invite-pending', role: 'member', ageDays: 301, work: [0, 0, 0] },
  { name: 'Maya Cohen', email: 'maya.cohen@acme.test', kind: 'invite-pending', role: 'accountant', ageDays: 234, work: [0, 0, 0] },
  { name: 'Nikolai Volkov', email: 'nikolai.volkov@acme.test', kind: 'invite-pending', role: 'member', ageDays: 187, work: [0, 0, 0] },
  { name: 'Olga Novak', email: 'olga.novak@acme.test', kind: 'invite-expired', role: 'member', ageDays: 155, work: [0, 0, 0] },
  { name: 'Priya Patel', email: 'priya.patel@acme.test', kind: 'invite-expired', role: 'member', ageDays: 129, work: [0, 0, 0] },
  { name: 'Quentin Moreau', email: 'quentin.moreau@acme.test', kind: 'invite-expired', role: 'member', ageDays: 94, work: [0, 0, 0] },
  { name: 'Rosa Garcia', email: 'rosa.garcia@acme.test', kind: 'created', role: 'member', ageDays: 155, work: [0, 0, 0] },
  { name: 'Sven Larsen', email: 'sven.larsen@acme.test', kind: 'created', role: 'accountant', ageDays: 149, work: [21, 23, 14] },
  { name: 'Tariq Aziz', email: 'tariq.aziz@acme.test', kind: 'created', role: 'member', ageDays: 216, work: [0, 0, 0] },
  { name: 'Uma Rao', email: 'uma.rao@acme.test', kind: 'created-signed-in', role: 'member', ageDays: 22, work: [9, 15, 13] },
  { name: 'Victor Almeida', email: 'victor.almeida@acme.test', kind: 'created-signed-in', role: 'member', ageDays: 176, work: [36, 25, 10] },
  { name: 'Wen Zhang', email: 'wen.zhang@acme.test', kind: 'removed', role: 'member', ageDays: 37, work: [37, 25, 14] },
  { name: 'Ximena Lopez', email: 'ximena.lopez@acme.test', kind: 'removed', role: 'member', ageDays: 33, work: [30, 22, 2] },
  { name: 'Yusuf Demir', email: 'yusuf.demir@acme.test', kind: 'removed', role: 'member', ageDays: 344, work: [28, 9, 12] },
  { name: 'Ada Lovelace', email: 'ada.lovelace@acme-labs.test', kind: 'active', role: 'member', ageDays: 30, work: [3, 1, 2], org: 'labs' },
  { name: 'Alan Turing', email: 'alan.turing@acme-labs.test', kind: 'active', role: 'member', ageDays: 31, work: [3, 1, 2], org: 'labs' },
];
