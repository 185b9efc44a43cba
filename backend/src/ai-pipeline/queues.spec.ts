import { PhotoStage, stageDependents, stagePrerequisites } from './queues';

const ALL: PhotoStage[] = ['normalise', 'derivatives', 'quality', 'bibs', 'faces', 'linking'];

describe('photo stage DAG', () => {
  it('fans out after derivatives and joins the three at linking', () => {
    const running = new Set(ALL);
    expect(stageDependents('normalise', running)).toEqual(['derivatives']);
    expect(stageDependents('derivatives', running)).toEqual(['quality', 'bibs', 'faces']);
    for (const stage of ['quality', 'bibs', 'faces'] as const) expect(stageDependents(stage, running)).toEqual(['linking']);
    expect(stagePrerequisites('linking', running)).toEqual(['quality', 'bibs', 'faces']);
    expect(stageDependents('linking', running)).toEqual([]);
  });

  it('skips a stage no processor runs: linking waits for quality and bibs only', () => {
    const running = new Set(ALL.filter((stage) => stage !== 'faces'));
    expect(stageDependents('derivatives', running)).toEqual(['quality', 'bibs']);
    expect(stagePrerequisites('linking', running)).toEqual(['quality', 'bibs']);
  });

  it('waits for the prerequisites of a skipped stage in its place, and ends the pipeline where nothing follows', () => {
    const running = new Set<PhotoStage>(['normalise', 'quality', 'bibs']);
    expect(stagePrerequisites('quality', running)).toEqual(['normalise']);
    expect(stageDependents('normalise', running)).toEqual(['quality', 'bibs']);
    expect(stageDependents('bibs', running)).toEqual([]);
  });
});
