/** The copies of a milestone's or roadmap's name and description in its body follow an update. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { followFieldsInBody } from '../../src/domain/body.js';

const SEED_ERA = '\n# v020\n\n## Description\n\n\n\n## Goals\n\n- [ ] Goal 1\n';
const PYTHON_PROJECT = '\n# roadmap\n\n## Overview\n\nA project managed with Roadmap CLI\n\n## Project Goals\n\n- [ ] Define project scope\n';

describe('followFieldsInBody', () => {
  test('our own body: the heading is renamed, the description paragraph replaced, added or dropped', () => {
    const ours = '# Beta\n\nFirst cut.\n';
    assert.equal(followFieldsInBody(ours, { name: 'Beta', description: 'First cut.' }, { name: 'Gamma', description: 'First cut.' }), '# Gamma\n\nFirst cut.\n');
    assert.equal(followFieldsInBody(ours, { name: 'Beta', description: 'First cut.' }, { name: 'Beta', description: 'Second cut,\ntwo lines.' }), '# Beta\n\nSecond cut,\ntwo lines.\n');
    assert.equal(followFieldsInBody(ours, { name: 'Beta', description: 'First cut.' }, { name: 'Beta', description: '' }), '# Beta\n');
    assert.equal(followFieldsInBody('# Beta\n', { name: 'Beta', description: '' }, { name: 'Beta', description: 'Now described.' }), '# Beta\n\nNow described.\n');
  });

  test("the Python tool's templates: the empty Description section is filled, the Overview paragraph replaced", () => {
    assert.equal(
      followFieldsInBody(SEED_ERA, { name: 'v020', description: '' }, { name: 'v0.2.0', description: 'The foundation.' }),
      '\n# v0.2.0\n\n## Description\n\nThe foundation.\n\n## Goals\n\n- [ ] Goal 1\n',
    );
    assert.equal(
      followFieldsInBody(PYTHON_PROJECT, { name: 'roadmap', description: 'A project managed with Roadmap CLI' }, { name: 'roadmap', description: 'Plans as code.' }),
      PYTHON_PROJECT.replace('A project managed with Roadmap CLI', 'Plans as code.'),
    );
  });

  test('the description is looked for only where the templates put it: the same words elsewhere stay', () => {
    const template = '# v1\n\n## Description\n\n\n## Goals\n\nTBD\n';
    assert.equal(
      followFieldsInBody(template, { name: 'v1', description: 'TBD' }, { name: 'v1', description: 'Ship the parser' }),
      template,
      'a goal reading TBD is not the (empty) description',
    );
    const notes = '# Beta\n\nNotes:\n\nFirst cut.\n';
    assert.equal(followFieldsInBody(notes, { name: 'Beta', description: 'First cut.' }, { name: 'Beta', description: '' }), notes);
    const described = '# v1\n\n## Description\n\nTBD\n\n## Goals\n\nTBD\n';
    assert.equal(
      followFieldsInBody(described, { name: 'v1', description: 'TBD' }, { name: 'v1', description: 'Ship it' }),
      '# v1\n\n## Description\n\nShip it\n\n## Goals\n\nTBD\n',
    );
  });

  test('CRLF bodies keep CRLF', () => {
    assert.equal(followFieldsInBody('# Beta\r\n\r\nOld.\r\n', { name: 'Beta', description: 'Old.' }, { name: 'Gamma', description: 'New.' }), '# Gamma\r\n\r\nNew.\r\n');
  });

  test('text that is not an exact copy is left alone: a changed heading, a description inside a sentence, notes after it', () => {
    const body = '# Beta release\n\nWe said First cut. and meant it.\n';
    assert.equal(followFieldsInBody(body, { name: 'Beta', description: 'First cut.' }, { name: 'Gamma', description: 'Other.' }), body);
    const noted = '# Beta\n\nMy own notes.\n';
    assert.equal(followFieldsInBody(noted, { name: 'Beta', description: '' }, { name: 'Beta', description: 'Added.' }), noted, 'no empty place to put it');
  });

  test('property: a body holding neither the old name as its heading nor the old description is unchanged', () => {
    const line = fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n') && !s.includes('\r'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), line, line, line, (bodyLines, name, was, now) => {
        const body = bodyLines.join('\n');
        fc.pre(was.trim() !== '' && !bodyLines.some((l) => l.trim() === was.trim() || l.trimEnd() === `# ${name}`));
        assert.equal(followFieldsInBody(body, { name, description: was }, { name: `${name}2`, description: now }), body);
      }),
    );
  });
});
