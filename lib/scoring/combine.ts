import { AI_POINTS, intentForScore, scoreRules } from "./rules";
import type { AiProvider, Intent, LeadData, RuleKeywords, ScoreBreakdown } from "./types";

export type AiJudgement = { intent: Intent; reasoning: string; provider: AiProvider; model: string };

export type LeadScore = {
  ruleScore: number;
  aiScore: number;
  score: number;
  intent: Intent;
  reasoning: string;
  aiIntent: Intent;
  aiProvider: AiProvider;
  aiModel: string;
  breakdown: ScoreBreakdown;
};

/** Rule points (0–50) plus AI points (10/30/50); the intent comes from the total, the AI's own label is kept. */
export function combineScore(lead: LeadData, rules: RuleKeywords, ai: AiJudgement): LeadScore {
  const { points: ruleScore, ...ruleBreakdown } = scoreRules(lead, rules);
  const aiScore = AI_POINTS[ai.intent];
  const score = ruleScore + aiScore;
  return {
    ruleScore,
    aiScore,
    score,
    intent: intentForScore(score),
    reasoning: ai.reasoning,
    aiIntent: ai.intent,
    aiProvider: ai.provider,
    aiModel: ai.model,
    breakdown: {
      ...ruleBreakdown,
      rule_points: ruleScore,
      ai: { intent: ai.intent, points: aiScore, provider: ai.provider, model: ai.model },
    },
  };
}
