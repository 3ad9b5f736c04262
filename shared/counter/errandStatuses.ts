// Where an errand stands: authorised by the resident, materials collected, handed over to the
// counter (a case of its own from then on), delivered back, or withdrawn.
export const ERRAND_STATUSES = ['authorised', 'collected', 'handedOver', 'delivered', 'withdrawn'] as const;
export type ErrandStatus = (typeof ERRAND_STATUSES)[number];
export const ERRAND_STATUS_LABELS: Record<ErrandStatus, string> = {
  authorised: '已委托，待收材料',
  collected: '材料已收齐，待交接',
  handedOver: '已交窗口办理',
  delivered: '已送达',
  withdrawn: '已撤回',
};
