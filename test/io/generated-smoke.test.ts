import { describe, expect, it } from 'vitest';
import { readHepMC3 } from '../../src/io/node.js';
import { GENERATED_PROCESSES, generatedEventsPath } from '../support/generated-events.js';

describe('generated test events', () => {
  it.each(GENERATED_PROCESSES)('%s file reads back', async (process) => {
    let n = 0;
    for await (const event of readHepMC3(generatedEventsPath(process))) {
      expect(event.process).toBe(process);
      n++;
    }
    expect(n).toBe(20);
  });
});
