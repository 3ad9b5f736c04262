/** What the register page leaves for the matter's page to say once it opens. */
export const REGISTERED_MATTER_KEY = 'matters.registered';

export interface RegisteredMatterNotice {
  matterId: string;
  title: string;
}
