//! The customer's mood during a dialogue: a gauge with a text label (never colour alone).

use drill_core::scenario::MoodScale;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MoodGaugeProps {
    pub mood: i32,
    pub scale: MoodScale,
}

/// The label for a mood on its scale.
pub fn mood_label(mood: i32, scale: MoodScale) -> (&'static str, &'static str) {
    let span = (scale.max - scale.min).max(1) as f64;
    let t = (mood - scale.min) as f64 / span;
    if t < 0.2 {
        ("非常不满", "mood--angry")
    } else if t < 0.4 {
        ("不满", "mood--upset")
    } else if t <= 0.6 {
        ("平静", "mood--calm")
    } else if t <= 0.8 {
        ("缓和", "mood--eased")
    } else {
        ("满意", "mood--pleased")
    }
}

#[component]
pub fn MoodGauge(props: &MoodGaugeProps) -> Html {
    let MoodScale { min, max, .. } = props.scale;
    let mood = props.mood.clamp(min, max);
    let (label, class) = mood_label(mood, props.scale);
    let span = (max - min).max(1) as f64;
    // Whole percent as an integer: `{}` of an f64 would link core's float formatting.
    let pct = ((mood - min) as f64 / span * 100.0).round() as i64;
    html! {
        <div class={classes!("mood", class)} data-testid="mood-gauge" data-mood={mood.to_string()}>
            <span class="mood__label" id="mood-label">{ "客户情绪：" }<strong>{ label }</strong></span>
            <div class="mood__track" role="meter" aria-labelledby="mood-label"
                aria-valuemin={min.to_string()} aria-valuemax={max.to_string()} aria-valuenow={mood.to_string()}
                aria-valuetext={label}>
                <div class="mood__fill" style={format!("width: {pct}%")}></div>
            </div>
        </div>
    }
}
