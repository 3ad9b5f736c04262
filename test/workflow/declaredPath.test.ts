import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseKind } from '../../shared/counter/caseKind';
import { petitionKind } from '../../shared/petitions/petitionKind';
import { followPath, transitionRefusal } from '../../shared/workflow/kind';
import { DeclaredPath } from '../../demo/declaredPath';

describe('a record’s life as a path of declared steps (what the demo and the runner check)', () => {
  test('the declared moves go through; the status is where the last one leads', () => {
    const path = new DeclaredPath(caseKind, 'accepted');
    path.take('startHandling', 'inProgress');
    path.take('pause', 'paused');
    path.take('resume', 'inProgress');
    path.take('complete', 'completed');
    assert.equal(path.take('deliver', 'delivered'), 'delivered');
    assert.equal(
      followPath(petitionKind, 'registered', [
        ['accept', 'accepted'],
        ['reply', 'replied'],
        ['close', 'closed'],
        ['requestReview', 'underReview'],
      ]),
      'underReview',
    );
  });

  test('a move the declaration does not allow is refused, naming it', () => {
    assert.throws(
      () => new DeclaredPath(caseKind, 'accepted').take('deliver', 'delivered'),
      /“送达”不能从“已受理”开始/,
    );
    assert.throws(
      () => new DeclaredPath(caseKind, 'accepted').take('complete', 'rated'),
      /“办结”不会使办件变为“已评价”/,
    );
    assert.throws(() => new DeclaredPath(petitionKind, 'accepted'), /信访件不能以“办理中”开始/);
    // A step that changes nothing of the status (a handling event) cannot move it.
    assert.equal(transitionRefusal(petitionKind, 'event', 'accepted', 'accepted'), null);
    assert.match(transitionRefusal(petitionKind, 'event', 'accepted', 'replied') ?? '', /不会使信访件变为“已答复”/);
  });
});
