import { Matches } from 'class-validator';
import { Env, EnvVar, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

const UNIT_INTERVAL = /^(0(\.\d+)?|1(\.0+)?)$/;

class SearchEnv {
  /**
   * Cosine similarity a face must reach to come back from a selfie search. FaceRes on race photos
   * (bench:recognition): 0.61 lets 1 % of other people's faces through, 0.68 0.1 %. Over an event's tens of
   * thousands of faces even 1 % is many strangers, but results are ranked by similarity, so they come last.
   */
  @EnvVar() @Matches(UNIT_INTERVAL, { message: mustBe('a number from 0 to 1') })
  SELFIE_MIN_SIMILARITY = '0.6';

  /** Most results one search returns (a runner rarely has more than a few dozen photos). */
  @EnvVar() @IsIntegerString(10, 5000)
  SEARCH_RESULT_LIMIT = '500';

  /** Memory the API may spend on cached face embeddings of events, for selfie search (MiB, LRU per event). */
  @EnvVar() @IsIntegerString(16, 16384)
  FACE_INDEX_CACHE_MB = '512';
}

/** Runner-facing search (photos/public/). */
export class SearchConfig {
  readonly selfieMinSimilarity!: number;
  readonly resultLimit!: number;
  readonly faceIndexCacheBytes!: number;

  static fromEnv(env: Env): SearchConfig {
    const e = readEnv(SearchEnv, env);
    return Object.assign(new SearchConfig(), {
      selfieMinSimilarity: Number(e.SELFIE_MIN_SIMILARITY),
      resultLimit: parseInteger(e.SEARCH_RESULT_LIMIT),
      faceIndexCacheBytes: parseInteger(e.FACE_INDEX_CACHE_MB) * 1024 * 1024,
    });
  }
}
