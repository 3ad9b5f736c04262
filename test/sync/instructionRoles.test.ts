import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visibleRoles } from '../../electron/backend/sync/instructionsStore';
import { isResponsibleFor } from '../../shared/sync/api';

test('who must acknowledge an instruction, and who sees it', () => {
  assert.equal(isResponsibleFor(['counterClerk'], 'counterClerk'), true);
  assert.equal(isResponsibleFor(['counterClerk'], 'mediator'), false);
  // The committee head answers for the mediators' desk; a mediator does not for the head's.
  assert.equal(isResponsibleFor(['committeeHead'], 'mediator'), true);
  assert.equal(isResponsibleFor(['mediator'], 'committeeHead'), false);
  // The administrator sees everything but is the responsible desk only for its own instructions.
  assert.equal(isResponsibleFor(['administrator'], 'counterClerk'), false);
  assert.equal(visibleRoles(['administrator']), 'all');
  assert.equal(visibleRoles(['leader']), 'all');
  assert.deepEqual(visibleRoles(['committeeHead']), ['mediator', 'committeeHead']);
  assert.deepEqual(visibleRoles(['villageAgent']), []);
});
