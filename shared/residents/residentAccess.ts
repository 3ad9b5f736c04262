// Who reads the resident registry. Everyone who meets residents face to face reads all of it,
// except a village agent: only the residents of the village the agent serves (minimum necessary).
import { defineAccess } from '../workflow/kind';

export const residentAccess = defineAccess<{ villageId: string }>({
  name: 'resident',
  noun: '居民',
  read: {
    administrator: 'all',
    counterClerk: 'all',
    mediator: 'all',
    committeeHead: 'all',
    petitionReceptionist: 'all',
    leader: 'all',
    villageAgent: 'ownVillage',
    gridWorker: 'ownVillage',
  },
  why: '窗口、调解、信访都要核对当事人身份；代办员只为本村（社区）的群众代办，网格员只收集本村（社区）群众的诉求，都只看本村居民。',
  scope: (r) => ({ villageId: r.villageId }),
});
