//! An empty iced 0.14 window with tameio's renderer (tiny-skia), font and window size: the floor
//! `cargo bench --bench startup` measures tameio's start-up and idle memory against.

fn update(_: &mut (), _: ()) {}

fn view(_: &()) -> iced::Element<'_, ()> {
    iced::widget::text("tameio").into()
}

pub fn main() -> iced::Result {
    iced::application(|| (), update, view)
        .title("empty window")
        .settings(tameio::ui::settings())
        .window_size(iced::Size::new(1280.0, 800.0))
        .run()
}
